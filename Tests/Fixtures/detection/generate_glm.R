# Reference fits of R's glm (quasi-Poisson, log link, with and without prior weights) and
# MASS::glm.nb for Vigil's GLM tests. Run from this folder: Rscript generate_glm.R
d <- read.csv("series_agona_weekly.csv")
y <- d$count[1:120]
t <- seq_along(y)
s <- sin(2 * pi * t / 52); c <- cos(2 * pi * t / 52)
w <- rep(c(1, 0.5, 2), length.out = length(y))
fmt <- function(x) paste(sprintf("%.17g", x), collapse = ";")
out <- function(name, fit, extra = numeric(0)) {
  data.frame(name = name, coefficients = fmt(coef(fit)), dispersion = sprintf("%.17g", summary(fit)$dispersion),
             cov_diag = fmt(diag(summary(fit)$cov.unscaled)), hat_first = fmt(head(hatvalues(fit), 5)), extra = fmt(extra))
}
rows <- rbind(
  out("quasipoisson", glm(y ~ t + s + c, family = quasipoisson)),
  out("quasipoisson-weighted", glm(y ~ t + s + c, family = quasipoisson, weights = w)),
  { nb <- MASS::glm.nb(y ~ s + c); out("glm.nb", nb, nb$theta) })
write.csv(rows, "expected_glm.csv", row.names = FALSE, quote = FALSE)
