# The R `surveillance` side of `vigil bench detect`: times the same methods on a sample of the
# same series that Vigil runs, and prints seconds per series.
#
# usage: Rscript Benchmarks/detection-reference.R DAILY.csv WEEKLY.csv
suppressPackageStartupMessages(library(surveillance))
args <- commandArgs(trailingOnly = TRUE)
read_series <- function(file) {
  d <- read.csv(file, colClasses = c("character", "character", "integer"))
  split(d$count, d$series)
}
daily <- read_series(args[1])
weekly <- read_series(args[2])

elapsed <- system.time({
  for (y in daily) {
    x <- sts(observed = matrix(y, ncol = 1), start = c(2000, 1), frequency = 365)
    for (m in c("C1", "C2", "C3")) earsC(x, control = list(method = m))
    cusum(x, control = list(range = 366:length(y), k = 1.04, h = 2.26, m = NULL, trans = "standard"))
  }
})[["elapsed"]]
cat(sprintf("ears_cusum_full_history %d %.6f\n", length(daily), elapsed / length(daily)))

elapsed <- system.time({
  for (y in weekly) {
    x <- sts(observed = matrix(y, ncol = 1), start = c(2000, 1), frequency = 52)
    farringtonFlexible(x, control = list(range = length(y), b = 5, w = 3, reweight = TRUE, weightsThreshold = 2.58,
      trend = TRUE, pThresholdTrend = 1, alpha = 0.05, thresholdMethod = "nbPlugin", noPeriods = 10,
      pastWeeksNotIncluded = 26, limit54 = c(5, 4), glmWarnings = FALSE))
  }
})[["elapsed"]]
cat(sprintf("noufaily_latest_week %d %.6f\n", length(weekly), elapsed / length(weekly)))
