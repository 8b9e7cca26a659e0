"""The strategic analysis: region profile and period, key indicators, problems, SWOT, strategy
statements and the mapping of RPJMD/Renstra programmes to smart city goals."""
