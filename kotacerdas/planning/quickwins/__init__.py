"""Quick Wins: criteria, selection among the initiatives, their profile and risk register."""
