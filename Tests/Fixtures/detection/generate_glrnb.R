# Expected outputs of R `surveillance::glrnb` (1.20.3) for Vigil's GLR negative-binomial CUSUM.
# Run from this folder: Rscript generate_glrnb.R
# The in-control model is glrnb's default (glm.nb on the first year with one cos/sin pair), the
# first year is training, and every later week is monitored (c.ARL = 5, intercept change, upwards).
suppressPackageStartupMessages(library(surveillance))
rows <- list()
for (file in c("series_agona_weekly.csv", "series_ct_weekly.csv")) {
  d <- read.csv(file, colClasses = c("character", "character", "integer"))
  for (one in split(d, d$series)) {
    x <- sts(observed = matrix(one$count, ncol = 1), start = c(2000, 1), frequency = 52)
    r <- tryCatch(suppressMessages(suppressWarnings(
      glrnb(x, control = list(range = 53:nrow(one), c.ARL = 5, change = "intercept", dir = "inc", ret = "value")))),
      error = function(e) NULL)
    if (is.null(r)) next
    rows[[length(rows) + 1]] <- data.frame(series = one$series[1], date = tail(one$date, nrow(r)), method = "glrnb",
      upperbound = sprintf("%.17g", as.vector(upperbound(r))), alarm = ifelse(as.vector(alarms(r)), "1", "0"),
      alpha = sprintf("%.17g", r@control$alpha))
  }
}
write.csv(do.call(rbind, rows), "expected_glrnb.csv", row.names = FALSE, quote = FALSE)
