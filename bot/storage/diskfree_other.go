//go:build !unix

package storage

// freeBytes is unknown here; errors then keep SQLite's own wording.
func freeBytes(string) (uint64, bool) { return 0, false }
