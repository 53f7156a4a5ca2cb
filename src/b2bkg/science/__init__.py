"""Science mapping over the corpus: bursts, main paths, cluster quality and labels, time
slices, historiograph, thematic map, the paper's concepts tagged in the literature, and the
comparison of the curated papers. Pure functions over plain data; ``records`` reads that data
from the store."""
