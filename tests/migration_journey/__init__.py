"""The data migrations, run on the schemas they were written for, in one journey."""
