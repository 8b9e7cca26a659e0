# Shared uncertainty-analysis specification for COINr's get_sensitivity() on the ASEM example.
# Sourced by time_ua.R and ua_reference.R (our own code; calls COINr only).
suppressPackageStartupMessages(library(COINr))

# nominal coin = build_example_coin() (Treat winmax 5, n_minmax 0..100, a_amean)
ua_coin <- function() build_example_coin(quietly = TRUE)

# SA_specs with three uncertain inputs:
#  Weights       : get_noisy_weights(), +/-25 % uniform noise on Level 2 and Level 3 weights
#                  (as in COINr's sensitivity vignette), Nrep alternative weight sets, discrete
#  Normalisation : 2 alternatives, n_minmax l_u = c(1,100) | n_zscore m_sd = c(10,2)  (vignette)
#  Aggregation   : 3 alternatives, a_amean | a_gmean | a_hmean (all defined for both normalisations:
#                  both keep every value > 0 on ASEM; z-score(10,2) range is 2.30..17.61)
ua_specs <- function(coin, Nrep_weights = 100, noise_levels = c(2, 3), noise = 0.25) {
  w_nom <- coin$Meta$Weights$Original
  noise_specs <- data.frame(Level = noise_levels, NoiseFactor = rep(noise, length(noise_levels)))
  noisy_wts <- get_noisy_weights(w = w_nom, noise_specs = noise_specs, Nrep = Nrep_weights)
  norm_alts <- list(
    list(f_n = "n_minmax", f_n_para = list(c(1, 100))),
    list(f_n = "n_zscore", f_n_para = list(c(10, 2)))
  )
  list(
    Weights       = list(Address = "$Log$Aggregate$w", Distribution = noisy_wts, Type = "discrete"),
    Normalisation = list(Address = "$Log$Normalise$global_specs", Distribution = norm_alts, Type = "discrete"),
    Aggregation   = list(Address = "$Log$Aggregate$f_ag",
                         Distribution = c("a_amean", "a_gmean", "a_hmean"), Type = "discrete")
  )
}

# the exact COINr vignette specification (adds Winmax 1:5; aggregation a_amean | a_gmean)
vignette_specs <- function(coin, Nrep_weights = 100) {
  s <- ua_specs(coin, Nrep_weights)
  list(
    Winmax = list(Address = "$Log$Treat$global_specs$f1_para$winmax", Distribution = 1:5, Type = "discrete"),
    Normalisation = s$Normalisation,
    Weights = s$Weights,
    Aggregation = list(Address = "$Log$Aggregate$f_ag", Distribution = c("a_amean", "a_gmean"), Type = "discrete")
  )
}
