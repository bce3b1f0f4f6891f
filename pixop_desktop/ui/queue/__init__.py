"""The Queue page: the job table, its actions, the details beside it, changing a job's processing."""
