"""screen stage: sanctions lists, their history, and screening names against them as of a date.

- read a list file: ``screen.loaders.read_list(path, format)`` (formats ``ofac-sdn``, ``eu-csv``,
  ``uk-ods``, ``ftm``) → ``ListEntry`` values, or ``InputError`` for a malformed file;
- keep snapshots: ``screen.history.save_snapshot(conn, dataset, as_of, entries)`` → ``SnapshotStats``;
- screen: ``screen.stored_index.screening_index(conn)`` → ``ScreeningIndex`` (built once per set of
  loaded snapshots and kept on disk), whose ``screen(name, schema, as_of)`` returns ``ScreeningHit``
  values with their explanation;
- measure: ``screen.bench.run_bench``.

Submodules are imported where used: the matcher's reference data takes seconds to load.
"""
