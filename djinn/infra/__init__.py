"""Infrastructure: configuration, the error vocabulary, the database (db/),
the file store, encryption, outbound-request guards, the background-work
seam, the runtime of a process and the Dramatiq queue."""
