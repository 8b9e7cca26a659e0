#!/usr/bin/env Rscript
# Generate reference outputs from the R package COINr (JRC composite indicators) on its
# built-in ASEM example, for testing kotacerdas/core/index against COINr at ~1e-9 relative.
#
# Our own code: it only CALLS COINr (no COINr code is vendored here).
# Usage (from the repo root):  Rscript bench/index/coinr/make_reference.R [outdir]
# Default outdir: kotacerdas/core/tests/data/coinr
suppressPackageStartupMessages(library(COINr))

args <- commandArgs(trailingOnly = TRUE)
outdir <- if (length(args) >= 1) args[1] else "kotacerdas/core/tests/data/coinr"
dir.create(outdir, showWarnings = FALSE, recursive = TRUE)

# ---------------------------------------------------------------------------- helpers
# full-precision CSV: numbers as %.17g, NA as empty cell, text quoted, logicals TRUE/FALSE
write_full <- function(df, name) {
  df <- as.data.frame(df, stringsAsFactors = FALSE)
  txt_cols <- which(!sapply(df, function(v) is.numeric(v) || is.logical(v)))
  for (j in seq_along(df)) {
    v <- df[[j]]
    if (is.numeric(v)) {
      s <- sprintf("%.17g", v)
      s[is.na(v)] <- NA          # NA and NaN -> empty
      df[[j]] <- s
    }
  }
  path <- file.path(outdir, name)
  utils::write.csv(df, path, row.names = FALSE, na = "",
                   quote = if (length(txt_cols)) txt_cols else FALSE)
  message("wrote ", path, " (", nrow(df), " x ", ncol(df), ")")
  invisible(path)
}

export_pipeline <- function(coin, prefix) {
  ag <- coin$Data$Aggregated
  write_full(ag, paste0(prefix, "_aggregated.csv"))
  write_full(rank_df(ag), paste0(prefix, "_ranks.csv"))
}

run <- function(prefix, expr) {
  t0 <- proc.time()[["elapsed"]]
  res <- tryCatch({
    coin <- suppressMessages(expr)
    export_pipeline(coin, prefix)
    coin
  }, error = function(e) {
    message("PIPELINE ", prefix, " FAILED: ", conditionMessage(e)); NULL
  })
  message(prefix, ": ", round(proc.time()[["elapsed"]] - t0, 3), " s")
  invisible(res)
}

lvl <- c("Indicator", "Pillar", "Sub-index", "Index")

# common front part of the build_example_coin() recipe: new_coin -> Denominate -> Impute -> Screen
front <- function(f_i = "i_mean_grp", use_group = "EurAsia_group") {
  coin <- new_coin(COINr::ASEM_iData, COINr::ASEM_iMeta, level_names = lvl)
  coin <- Denominate(coin, dset = "Raw")
  if (is.null(use_group)) {
    coin <- Impute(coin, dset = "Denominated", f_i = f_i)
  } else {
    coin <- Impute(coin, dset = "Denominated", f_i = f_i, use_group = use_group)
  }
  coin <- Screen(coin, dset = "Imputed", dat_thresh = 0.9, unit_screen = "byNA")
  coin
}
treat_default <- function(coin, dset = "Screened") {
  Treat(coin, dset = dset, global_specs = list(f1_para = list(winmax = 5)))
}
norm <- function(coin, f_n, f_n_para = NULL, dset = "Treated") {
  gs <- list(f_n = f_n)
  if (!is.null(f_n_para)) gs$f_n_para <- f_n_para
  Normalise(coin, dset = dset, global_specs = gs)
}

# ---------------------------------------------------------------------------- 0. input check
shared <- "../shared/data/asem"  # run from the project root
if (dir.exists(shared)) {
  d <- utils::read.csv(file.path(shared, "asem_iData.csv"), stringsAsFactors = FALSE, na.strings = c("", "NA"))
  m <- utils::read.csv(file.path(shared, "asem_iMeta.csv"), stringsAsFactors = FALSE, na.strings = c("", "NA"))
  message("iData == shared asem_iData.csv: ",
          isTRUE(all.equal(as.data.frame(COINr::ASEM_iData), d, check.attributes = FALSE, tolerance = 0)))
  message("iMeta == shared asem_iMeta.csv: ",
          isTRUE(all.equal(as.data.frame(COINr::ASEM_iMeta), m, check.attributes = FALSE, tolerance = 0)))
}

# ---------------------------------------------------------------------------- 1. build_example_coin()
coin_ex <- build_example_coin(quietly = TRUE)
export_pipeline(coin_ex, "example")
write_full(coin_ex$Data$Raw,         "example_raw.csv")
write_full(coin_ex$Data$Denominated, "example_denominated.csv")
write_full(coin_ex$Data$Imputed,     "example_imputed.csv")
write_full(coin_ex$Data$Screened,    "example_screened.csv")
write_full(coin_ex$Data$Treated,     "example_treated.csv")          # item 9
write_full(coin_ex$Data$Normalised,  "example_normalised.csv")
write_full(coin_ex$Analysis$Screened$DataSummary, "example_screen_summary.csv")
write_full(coin_ex$Analysis$Treated$Dets_Table,   "example_treat_details.csv")  # item 9
tp <- coin_ex$Analysis$Treated$Treated_Points
write_full(cbind(uCode = coin_ex$Data$Treated$uCode, tp), "example_treated_points.csv")  # item 9
write_full(coin_ex$Meta$Ind, "example_imeta.csv")
write_full(coin_ex$Meta$Weights$Original, "example_weights.csv")

# sanity: our explicit re-statement of the recipe reproduces build_example_coin() bit-for-bit
chk <- suppressMessages({
  cc <- treat_default(front())
  cc <- norm(cc, "n_minmax", list(c(0, 100)))
  Aggregate(cc, dset = "Normalised", f_ag = "a_amean")
})
message("explicit recipe identical to build_example_coin(): ",
        identical(chk$Data$Aggregated, coin_ex$Data$Aggregated))

# ---------------------------------------------------------------------------- 2..8 variants
# 2. z-score normalisation (default m_sd = c(0, 1))
run("zscore", {
  cc <- treat_default(front()); cc <- norm(cc, "n_zscore")
  Aggregate(cc, dset = "Normalised", f_ag = "a_amean") })
# 2b. z-score with m_sd = c(10, 2) (the alternative used in COINr's sensitivity vignette)
run("zscore_10_2", {
  cc <- treat_default(front()); cc <- norm(cc, "n_zscore", list(m_sd = c(10, 2)))
  Aggregate(cc, dset = "Normalised", f_ag = "a_amean") })
# 2c. min-max 1..100 with arithmetic mean (companion of 3.)
run("minmax_1_100", {
  cc <- treat_default(front()); cc <- norm(cc, "n_minmax", list(l_u = c(1, 100)))
  Aggregate(cc, dset = "Normalised", f_ag = "a_amean") })
# 3. geometric mean (needs strictly positive values -> min-max 1..100, as in the Aggregate vignette)
run("gmean", {
  cc <- treat_default(front()); cc <- norm(cc, "n_minmax", list(l_u = c(1, 100)))
  Aggregate(cc, dset = "Normalised", f_ag = "a_gmean") })
# 3b. harmonic mean (same normalisation)
run("hmean", {
  cc <- treat_default(front()); cc <- norm(cc, "n_minmax", list(l_u = c(1, 100)))
  Aggregate(cc, dset = "Normalised", f_ag = "a_hmean") })
# 4. generalised mean p = 2 (example normalisation 0..100)
run("genmean_p2", {
  cc <- treat_default(front()); cc <- norm(cc, "n_minmax", list(c(0, 100)))
  Aggregate(cc, dset = "Normalised", f_ag = "a_genmean", f_ag_para = list(p = 2)) })
# 4b. generalised mean p = 0.5 on 1..100
run("genmean_p0.5", {
  cc <- treat_default(front()); cc <- norm(cc, "n_minmax", list(l_u = c(1, 100)))
  Aggregate(cc, dset = "Normalised", f_ag = "a_genmean", f_ag_para = list(p = 0.5)) })
# 4c. mixed per level: amean, gmean, amean (Aggregate vignette "By level")
run("mixed_amean_gmean_amean", {
  cc <- treat_default(front()); cc <- norm(cc, "n_minmax", list(l_u = c(1, 100)))
  Aggregate(cc, dset = "Normalised", f_ag = c("a_amean", "a_gmean", "a_amean")) })
# 5. Copeland (requires by_df = TRUE; weights from iMeta are passed as w)
# NOTE COINr 1.1.14 bug: Aggregate(..., f_ag = "a_copeland", by_df = TRUE) fails with
# "unused argument (x = ...)" because a_copeland()'s first argument is `X` (upper case) while
# Aggregate.data.frame() calls do.call(f_ag, c(list(x = x), f_ag_para)). We record the failure and
# use a one-line wrapper with a lower-case `x` (COINr's documented custom-f_ag mechanism); the
# computation is COINr's own a_copeland()/outrankMatrix().
copeland_direct <- tryCatch({
  cc <- suppressMessages(Aggregate(treat_default(front()) |> norm("n_minmax", list(c(0, 100))),
                                    dset = "Normalised", f_ag = "a_copeland", by_df = TRUE))
  "works"
}, error = function(e) paste("fails:", substr(conditionMessage(e), 1, 40)))
message("Aggregate(f_ag = 'a_copeland', by_df = TRUE) directly: ", copeland_direct)
a_copeland_x <- function(x, w = NULL) COINr::a_copeland(x, w)
assign("a_copeland_x", a_copeland_x, envir = globalenv())
run("copeland", {
  cc <- treat_default(front()); cc <- norm(cc, "n_minmax", list(c(0, 100)))
  Aggregate(cc, dset = "Normalised", f_ag = "a_copeland_x", by_df = TRUE) })
# 5b. Copeland only at the indicator -> pillar level, arithmetic mean above
run("copeland_L2_amean", {
  cc <- treat_default(front()); cc <- norm(cc, "n_minmax", list(c(0, 100)))
  Aggregate(cc, dset = "Normalised", f_ag = c("a_copeland_x", "a_amean", "a_amean"),
            by_df = c(TRUE, FALSE, FALSE)) })
# 6. non-grouped imputation
run("impute_median", {
  cc <- treat_default(front(f_i = "i_median", use_group = NULL)); cc <- norm(cc, "n_minmax", list(c(0, 100)))
  Aggregate(cc, dset = "Normalised", f_ag = "a_amean") })
run("impute_mean", {
  cc <- treat_default(front(f_i = "i_mean", use_group = NULL)); cc <- norm(cc, "n_minmax", list(c(0, 100)))
  Aggregate(cc, dset = "Normalised", f_ag = "a_amean") })
# 6b. no imputation at all: Screen on Denominated, NAs propagate; a_amean skips NAs
run("noimpute", {
  cc <- new_coin(COINr::ASEM_iData, COINr::ASEM_iMeta, level_names = lvl)
  cc <- Denominate(cc, dset = "Raw")
  cc <- Screen(cc, dset = "Denominated", dat_thresh = 0.9, unit_screen = "byNA")
  cc <- treat_default(cc); cc <- norm(cc, "n_minmax", list(c(0, 100)))
  Aggregate(cc, dset = "Normalised", f_ag = "a_amean") })
# 6c. no imputation + aggregation data-availability threshold dat_thresh = 0.75
coin_ni <- run("noimpute_datthresh0.75", {
  cc <- new_coin(COINr::ASEM_iData, COINr::ASEM_iMeta, level_names = lvl)
  cc <- Denominate(cc, dset = "Raw")
  cc <- Screen(cc, dset = "Denominated", dat_thresh = 0.9, unit_screen = "byNA")
  cc <- treat_default(cc); cc <- norm(cc, "n_minmax", list(c(0, 100)))
  Aggregate(cc, dset = "Normalised", f_ag = "a_amean", dat_thresh = 0.75) })
run("noimpute_datthresh0.9", {
  cc <- new_coin(COINr::ASEM_iData, COINr::ASEM_iMeta, level_names = lvl)
  cc <- Denominate(cc, dset = "Raw")
  cc <- Screen(cc, dset = "Denominated", dat_thresh = 0.9, unit_screen = "byNA")
  cc <- treat_default(cc); cc <- norm(cc, "n_minmax", list(c(0, 100)))
  Aggregate(cc, dset = "Normalised", f_ag = "a_amean", dat_thresh = 0.9) })
if (!is.null(coin_ni)) {
  write_full(coin_ni$Data$Screened, "noimpute_screened.csv")
  write_full(coin_ni$Analysis$Screened$DataSummary, "noimpute_screen_summary.csv")
  write_full(coin_ni$Data$Treated, "noimpute_treated.csv")
  write_full(coin_ni$Analysis$Treated$Dets_Table, "noimpute_treat_details.csv")
}
# 7. no treatment: Treat step skipped, Normalise straight from "Screened"
run("notreat", {
  cc <- front(); cc <- norm(cc, "n_minmax", list(c(0, 100)), dset = "Screened")
  Aggregate(cc, dset = "Normalised", f_ag = "a_amean") })
# 8. other normalisations (all with a_amean)
for (nm in c("n_rank", "n_borda", "n_prank", "n_fracmax", "n_dist2max")) {
  run(paste0("norm_", sub("^n_", "", nm)), {
    cc <- treat_default(front()); cc <- norm(cc, nm)
    Aggregate(cc, dset = "Normalised", f_ag = "a_amean") })
}
run("norm_scaled", {
  cc <- treat_default(front()); cc <- norm(cc, "n_scaled", list(npara = c(0, 100), scale_factor = 100))
  Aggregate(cc, dset = "Normalised", f_ag = "a_amean") })

# 9b. treatment variants on the example (log_CT reached / combine_treat / winmax)
run("treat_winmax1", {
  cc <- Treat(front(), dset = "Screened", global_specs = list(f1_para = list(winmax = 1)))
  cc <- norm(cc, "n_minmax", list(c(0, 100)))
  Aggregate(cc, dset = "Normalised", f_ag = "a_amean") })
coin_w1 <- suppressMessages(Treat(front(), dset = "Screened", global_specs = list(f1_para = list(winmax = 1))))
write_full(coin_w1$Data$Treated, "treat_winmax1_treated.csv")
write_full(coin_w1$Analysis$Treated$Dets_Table, "treat_winmax1_treat_details.csv")
write_full(cbind(uCode = coin_w1$Data$Treated$uCode, coin_w1$Analysis$Treated$Treated_Points),
           "treat_winmax1_treated_points.csv")

# ---------------------------------------------------------------------------- 10. stats, alpha, PCA
for (ds in c("Raw", "Treated", "Normalised")) {
  st <- get_stats(coin_ex, dset = ds, nsignif = NULL)   # nsignif = NULL -> no rounding
  write_full(st, paste0("example_stats_", tolower(ds), ".csv"))
}
st3 <- get_stats(coin_ex, dset = "Raw")                 # COINr default nsignif = 3, for reference
write_full(st3, "example_stats_raw_nsignif3.csv")

# Cronbach's alpha: every Level-2 group (its Level-1 children) and every Level-3 group (its Level-2
# children), on the Normalised / Aggregated sets of the example coin
cr <- list()
lin <- coin_ex$Meta$Ind
for (g in lin$iCode[which(lin$Level == 2)]) {
  cr[[length(cr) + 1]] <- data.frame(dset = "Normalised", iCodes = g, Level = 1,
    alpha = get_cronbach(coin_ex, dset = "Normalised", iCodes = g, Level = 1))
}
for (g in lin$iCode[which(lin$Level == 3)]) {
  cr[[length(cr) + 1]] <- data.frame(dset = "Aggregated", iCodes = g, Level = 2,
    alpha = get_cronbach(coin_ex, dset = "Aggregated", iCodes = g, Level = 2))
}
cr[[length(cr) + 1]] <- data.frame(dset = "Normalised", iCodes = "Index", Level = 1,
  alpha = get_cronbach(coin_ex, dset = "Normalised", iCodes = "Index", Level = 1))
write_full(do.call(rbind, cr), "example_cronbach.csv")

# PCA weights (first-PC loadings, by Level-2 group) on Normalised, Level 1
pca <- suppressWarnings(get_PCA(coin_ex, dset = "Normalised", Level = 1, by_groups = TRUE, out2 = "list"))
write_full(pca$Weights, "example_pca_weights_L1.csv")
pv <- do.call(rbind, lapply(names(pca$PCAresults), function(g) {
  r <- pca$PCAresults[[g]]$PCAres
  data.frame(group = g, PC = seq_along(r$sdev), sdev = r$sdev, var_explained = r$sdev^2 / sum(r$sdev^2))
}))
write_full(pv, "example_pca_variance_L1.csv")
# PCA at level 2 (pillar scores -> sub-index groups) on Aggregated
pca2 <- suppressWarnings(get_PCA(coin_ex, dset = "Aggregated", Level = 2, by_groups = TRUE, out2 = "list"))
write_full(pca2$Weights, "example_pca_weights_L2.csv")

# correlations (Pearson) indicator vs parent at all levels is not exported; correlation of L1
# indicators within Normalised is cheap, export one matrix for reference
cm <- stats::cor(coin_ex$Data$Normalised[-1], use = "pairwise.complete.obs")
write_full(cbind(iCode = rownames(cm), as.data.frame(cm)), "example_corr_normalised.csv")

message("done; COINr ", as.character(utils::packageVersion("COINr")), ", ", R.version.string)
