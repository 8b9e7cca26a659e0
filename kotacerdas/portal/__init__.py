"""The public portal: what a region has published, read from frozen snapshots, and its open data."""
