package storage_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/cyberdiplo/cyberdiplo/bot/storage"
	"github.com/cyberdiplo/cyberdiplo/bot/storage/storetest"
)

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) storetest.Store {
		s := open(t, filepath.Join(t.TempDir(), "c.db"))
		t.Cleanup(func() { s.Close() })
		return s
	})
}

// TestReplicas: several stores (processes) on one file share state, and one takes over
// the inbox another left.
func TestReplicas(t *testing.T) {
	storetest.RunReplicas(t, func(t *testing.T) func() storetest.Store {
		path := filepath.Join(t.TempDir(), "c.db")
		return func() storetest.Store {
			s, err := storage.Open(context.Background(), path, storage.Options{})
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { s.Close() })
			return s
		}
	})
}

func benchStore(b *testing.B) *storage.Store {
	s, err := storage.Open(context.Background(), filepath.Join(b.TempDir(), "c.db"), storage.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	return s
}

func BenchmarkQuestionSQLite(b *testing.B)   { storetest.BenchQuestion(b, benchStore(b)) }
func BenchmarkStoreCallsSQLite(b *testing.B) { storetest.BenchStoreCalls(b, benchStore(b)) }
