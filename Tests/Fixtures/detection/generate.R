# Expected outputs of R `surveillance` for Vigil's detection tests.
#
# Run from this folder with the Debian packages r-base-core and r-cran-surveillance (1.20.3):
#     Rscript generate.R
# Inputs: series_*.csv (series,date,count), written by this script (agona) or by `vigil series`
# from the bundled Connecticut OCME data (see README.md). Outputs: expected_*.csv.
suppressPackageStartupMessages(library(surveillance))
stopifnot(packageVersion("surveillance") >= "1.20.3")

# Salmonella Agona, weekly, UK 1990-1995, shipped with surveillance; written as a Vigil series file.
data("salmonella.agona")
agona <- data.frame(series = "agona",
                    date = format(as.Date("1990-01-01") + 7 * (seq_along(salmonella.agona$observed) - 1)),
                    count = salmonella.agona$observed)
write.csv(agona, "series_agona_weekly.csv", row.names = FALSE, quote = FALSE)

read_series <- function(file) {
  d <- read.csv(file, colClasses = c("character", "character", "integer"))
  split(d, d$series)
}
inputs <- list(weekly = c("series_agona_weekly.csv", "series_ct_weekly.csv"), daily = c("series_ct_daily.csv"))

fmt <- function(x) ifelse(is.na(x), "", sprintf("%.17g", x))
rows <- list(ears = list(), cusum = list(), farrington = list())
add <- function(kind, s, dates, method, result) {
  rows[[kind]][[length(rows[[kind]]) + 1]] <<- data.frame(
    series = s, date = dates, method = method,
    upperbound = fmt(as.vector(upperbound(result))),
    alarm = ifelse(is.na(as.vector(alarms(result))), "", ifelse(as.vector(alarms(result)), "1", "0")))
}

for (interval in names(inputs)) {
  freq <- if (interval == "weekly") 52 else 365
  for (file in inputs[[interval]]) {
    for (one in read_series(file)) {
      s <- one$series[1]
      n <- nrow(one)
      x <- sts(observed = matrix(one$count, ncol = 1), start = c(2000, 1), frequency = freq)
      for (m in c("C1", "C2", "C3")) {
        r <- earsC(x, control = list(method = m))
        add("ears", s, tail(one$date, nrow(r)), paste0("ears-", tolower(m)), r)
      }
      training <- freq
      r <- cusum(x, control = list(range = (training + 1):n, k = 1.04, h = 2.26, m = NULL, trans = "standard"))
      add("cusum", s, tail(one$date, nrow(r)), "cusum", r)
      b <- min(5, floor((n - 3 - 1) / freq))
      if (b >= 1) {
        r <- farringtonFlexible(x, control = list(b = b, w = 3, reweight = TRUE, weightsThreshold = 1,
          trend = TRUE, pThresholdTrend = 0.05, alpha = 0.05, thresholdMethod = "delta", noPeriods = 1,
          limit54 = c(5, 4), powertrans = "2/3", glmWarnings = FALSE))
        add("farrington", s, tail(one$date, nrow(r)), "farrington", r)
        # Daily Noufaily fits ~1,800 counts per period: judge only the last 120 days to keep tests quick.
        noufailyRange <- if (interval == "daily") (n - 119):n else NULL
        r <- farringtonFlexible(x, control = list(range = noufailyRange, b = b, w = 3, reweight = TRUE, weightsThreshold = 2.58,
          trend = TRUE, pThresholdTrend = 1, alpha = 0.05, thresholdMethod = "nbPlugin", noPeriods = 10,
          pastWeeksNotIncluded = 26, limit54 = c(5, 4), glmWarnings = FALSE))
        add("farrington", s, tail(one$date, nrow(r)), "noufaily", r)
      }
    }
  }
}
for (kind in names(rows)) {
  write.csv(do.call(rbind, rows[[kind]]), paste0("expected_", kind, ".csv"), row.names = FALSE, quote = FALSE)
}
