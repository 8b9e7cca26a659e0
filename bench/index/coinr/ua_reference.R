#!/usr/bin/env Rscript
# Small seeded COINr uncertainty analysis on ASEM, exported for SHAPE comparison only
# (the Python side uses a different RNG, so values are not expected to match draw-for-draw).
# Usage (from repo root): Rscript bench/index/coinr/ua_reference.R [outdir]
here <- dirname(sub("--file=", "", grep("--file=", commandArgs(FALSE), value = TRUE)))
source(file.path(here, "ua_specs.R"))
args <- commandArgs(trailingOnly = TRUE)
outdir <- if (length(args) >= 1) args[1] else "kotacerdas/core/tests/data/coinr"
write_full <- function(df, name) {   # same format as make_reference.R
  df <- as.data.frame(df, stringsAsFactors = FALSE)
  txt <- which(!sapply(df, function(v) is.numeric(v) || is.logical(v)))
  for (j in seq_along(df)) if (is.numeric(df[[j]])) {
    v <- df[[j]]; s <- sprintf("%.17g", v); s[is.na(v)] <- NA; df[[j]] <- s }
  utils::write.csv(df, file.path(outdir, name), row.names = FALSE, na = "",
                   quote = if (length(txt)) txt else FALSE)
  message("wrote ", name, " (", nrow(df), " x ", ncol(df), ")")
}

SEED <- 42; N <- 10
coin <- ua_coin()
set.seed(SEED)
specs <- ua_specs(coin, Nrep_weights = 100)
rng_state <- .Random.seed                   # state right before get_sensitivity() draws its sample
res <- get_sensitivity(coin, SA_specs = specs, N = N, SA_type = "UA",
                       dset = "Aggregated", iCode = "Index", quietly = TRUE)
# re-draw the same uniform sample get_sensitivity() used: XX <- matrix(runif(d*N), nrow = N)
.Random.seed <- rng_state
XX <- matrix(stats::runif(length(specs) * N), nrow = N, ncol = length(specs))

prefix <- sprintf("ua_seed%d_N%d", SEED, N)
write_full(res$Scores, paste0(prefix, "_scores.csv"))
write_full(res$Ranks, paste0(prefix, "_ranks.csv"))
write_full(res$RankStats, paste0(prefix, "_rankstats.csv"))
para <- data.frame(
  rep = seq_len(N),
  u_Weights = XX[, 1], u_Normalisation = XX[, 2], u_Aggregation = XX[, 3],
  weight_set = match(lapply(res$Para$Weights, function(w) w$Weight),
                     lapply(specs$Weights$Distribution, function(w) w$Weight)),
  f_n = sapply(res$Para$Normalisation, `[[`, "f_n"),
  f_n_para = sapply(res$Para$Normalisation, function(s) paste(unlist(s$f_n_para), collapse = ";")),
  f_ag = unlist(res$Para$Aggregation)
)
write_full(para, paste0(prefix, "_para.csv"))
wl <- do.call(rbind, lapply(seq_len(N), function(i) cbind(rep = i, res$Para$Weights[[i]])))
write_full(wl, paste0(prefix, "_weights.csv"))
