"""Report generation (Qt-free): Decree 30/2020 documents as PDF, Word and Excel."""
