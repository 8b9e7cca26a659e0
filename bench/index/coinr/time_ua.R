#!/usr/bin/env Rscript
# Time COINr's uncertainty analysis (get_sensitivity, SA_type = "UA") on the ASEM example.
# Usage (from repo root): Rscript bench/index/coinr/time_ua.R
here <- dirname(sub("--file=", "", grep("--file=", commandArgs(FALSE), value = TRUE)))
source(file.path(here, "ua_specs.R"))

coin <- ua_coin()

# cost of one full rebuild of the nominal coin (what each UA replication does via Regen())
t_regen <- sapply(1:20, function(i) system.time(Regen(coin, quietly = TRUE))[["elapsed"]])
cat(sprintf("Regen(coin) single rebuild: median %.4f s (min %.4f, n=20)\n", median(t_regen), min(t_regen)))
t_build <- sapply(1:10, function(i) system.time(build_example_coin(quietly = TRUE))[["elapsed"]])
cat(sprintf("build_example_coin(): median %.4f s (n=10)\n", median(t_build)))

time_ua <- function(specs_fun, N, seed) {
  set.seed(seed)
  specs <- specs_fun(coin)
  t <- system.time(
    res <- get_sensitivity(coin, SA_specs = specs, N = N, SA_type = "UA",
                           dset = "Aggregated", iCode = "Index", quietly = TRUE)
  )[["elapsed"]]
  nfail <- sum(colSums(is.na(res$Scores[-(1:2)])) == nrow(res$Scores))
  c(N = N, total_s = t, per_rep_s = t / N, failed_reps = nfail)
}

rows <- list()
for (N in c(20, 50, 100)) {
  for (k in 1:3) {
    r <- time_ua(ua_specs, N, seed = 1000 + k)
    rows[[length(rows) + 1]] <- data.frame(spec = "3inputs", rep = k, t(r))
    cat(sprintf("UA 3 inputs  N=%3d run %d: total %.3f s, %.4f s/rep, failed %d\n", N, k, r[2], r[3], r[4]))
  }
}
for (k in 1:2) {
  r <- time_ua(vignette_specs, 50, seed = 2000 + k)
  rows[[length(rows) + 1]] <- data.frame(spec = "vignette4", rep = k, t(r))
  cat(sprintf("UA vignette  N=%3d run %d: total %.3f s, %.4f s/rep, failed %d\n", 50, k, r[2], r[3], r[4]))
}
tab <- do.call(rbind, rows)
print(aggregate(per_rep_s ~ spec + N, data = tab, FUN = median))
cat(R.version.string, "| COINr", as.character(packageVersion("COINr")), "\n")
