"""The Watched folders page: rules, counts, recent activity, and the rules running while the app is open."""
