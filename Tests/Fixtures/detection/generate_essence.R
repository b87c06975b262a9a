# Expected outputs for Vigil's NSSP-ESSENCE detectors (regression, EWMA, switch).
#
# CDC's R package Rnssp is not installable here (it is not in Debian or on the reachable CRAN
# mirror), so this script computes the three detectors directly from their definitions as read in
# Rnssp's source (CDCgov/Rnssp: R/alert_regression.R and R/alert_ewma.R @ 13939e05c74d,
# R/alert_switch.R @ 03e89dfc9e5e, R/detection_reg.R @ 331fad013f08), written independently with
# R's own lm.fit, pt, qt, mean and sd. Run from this folder: Rscript generate_essence.R
set.seed(20261129)

# A daily series with a strong weekly pattern and a trend, so that the regression branch of the
# switch is exercised; written as a Vigil series file.
days <- seq(as.Date("2023-01-02"), by = "day", length.out = 300)
weekday_effect <- c(1.3, 1.2, 1.1, 1.0, 1.0, 0.6, 0.5)[as.integer(format(days, "%u"))]
counts <- rpois(length(days), lambda = (20 + 0.02 * seq_along(days)) * weekday_effect)
counts[c(150, 151, 230)] <- counts[c(150, 151, 230)] + c(25, 30, 40)
write.csv(data.frame(series = "synthetic-dow", date = format(days), count = counts),
          "series_synthetic_dow.csv", row.names = FALSE, quote = FALSE)

dow_matrix <- function(d) sapply(1:6, function(k) as.numeric(as.integer(format(d, "%u")) == k))

regression <- function(y, d, B = 28, g = 2) {
  n <- length(y); res <- matrix(NA_real_, n, 3)
  if (n < B + g + 1) return(res)
  for (t in (11 + g + 1):n) {
    L <- min(B, t - g - 1); idx <- (t - g - L):(t - g - 1); df <- L - 8
    fit <- lm.fit(cbind(1, seq_len(L), dow_matrix(d[idx])), y[idx])
    s <- max(sqrt(sum(fit$residuals^2) / df) * sqrt((L + 7) * (L - 4) / (L * (L - 7))), 1.01 / round(qt(0.95, df), 5))
    k <- as.integer(format(d[t], "%u"))
    e <- max(0, fit$coefficients[1] + (L + g + 1) * fit$coefficients[2] + if (k < 7) fit$coefficients[2 + k] else 0)
    stat <- (y[t] - e) / s
    res[t, ] <- c(e, stat, 1 - pt(stat, df))
  }
  res
}

ewma <- function(y, B = 28, g = 2, w = c(0.4, 0.9)) {
  n <- length(y); res <- matrix(NA_real_, n, 3)
  if (n < B + g + 1) return(res)
  z <- rep(y[1], 2)
  for (t in 2:(11 + g)) z <- w * y[t] + (1 - w) * z
  for (t in (11 + g + 1):n) {
    L <- min(28, t - g - 1); base <- y[(t - g - L):(t - g - 1)]; df <- L - 1
    m <- mean(base); s <- sd(base)
    alert <- round(qt(0.99, df), 5); warn <- round(qt(0.95, df), 5)
    corr <- sqrt(w / (2 - w) + 1 / L - 2 * (1 - w)^(g + 1) * (1 - (1 - w)^L) / L)
    sig <- pmax((w / warn) * (1 + 0.5 * (1 - w)^2), s * corr + (0.1289 - (0.2414 - 0.1826 * (1 - w)^4) * log(0.5)) * (w / warn))
    z <- w * y[t] + (1 - w) * z
    stat <- (z - m) / sig
    z <- ifelse(abs(stat) > alert, m + sign(stat) * alert * sig, z)
    p <- 1 - pt(stat, df)
    j <- if (p[1] < p[2]) 1 else 2
    res[t, ] <- c(m, stat[j], p[j])
  }
  res
}

switch_detector <- function(y, d, B = 28, g = 2, w = 0.4) {
  n <- length(y); res <- matrix(NA_real_, n, 3)
  corr <- sqrt(w / (2 - w) + 1 / B - 2 * (1 - w)^(g + 1) * (((1 - w)^B - 1) / B))
  z <- y[1]; zs <- numeric(n); zs[1] <- z
  for (t in seq_len(n)[-1]) { z <- w * y[t] + (1 - w) * z; zs[t] <- z }
  if (n < B + g + 1) return(res)
  for (t in (B + g + 1):n) {
    idx <- (t - g - B):(t - g - 1)
    fit <- lm.fit(cbind(1, seq_len(B), dow_matrix(d[idx])), y[idx])
    fv <- fit$fitted.values; rss <- sum(fit$residuals^2); mss <- sum((fv - mean(fv))^2)
    r2 <- 1 - (1 - mss / (rss + mss)) * ((B - 1) / fit$df.residual); if (is.nan(r2)) r2 <- 0
    if (r2 >= 0.60) {
      k <- as.integer(format(d[t], "%u"))
      e <- fit$coefficients[1] + (B + 3) * fit$coefficients[2] + if (k < 7) fit$coefficients[2 + k] else 0
      stat <- (y[t] - e) / (sqrt(rss / (B - 8)) * sqrt((B + 7) * (B - 4) / (B * (B - 7)))); df <- B - 8
    } else {
      e <- mean(y[idx]); stat <- (zs[t] - e) / (max(0.5, sd(y[idx])) * corr); df <- B - 1
    }
    p <- if (is.finite(stat)) pt(-abs(stat), df) else 0.5
    res[t, ] <- c(e, stat, p)
  }
  res
}

rows <- list()
for (file in c("series_ct_daily.csv", "series_synthetic_dow.csv")) {
  d0 <- read.csv(file, colClasses = c("character", "character", "integer"))
  y <- d0$count; d <- as.Date(d0$date)
  for (m in c("regression", "ewma", "switch")) {
    r <- switch(m, regression = regression(y, d), ewma = ewma(y), switch = switch_detector(y, d))
    keep <- !is.na(r[, 1])
    rows[[length(rows) + 1]] <- data.frame(series = d0$series[keep], date = d0$date[keep], method = m,
      expected = sprintf("%.17g", r[keep, 1]), statistic = sprintf("%.17g", r[keep, 2]), p_value = sprintf("%.17g", r[keep, 3]))
  }
}
write.csv(do.call(rbind, rows), "expected_essence.csv", row.names = FALSE, quote = FALSE)
