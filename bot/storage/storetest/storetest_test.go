package storetest_test

import (
	"testing"

	"github.com/cyberdiplo/cyberdiplo/bot"
	"github.com/cyberdiplo/cyberdiplo/bot/storage/storetest"
)

func TestMemoryStore(t *testing.T) {
	storetest.Run(t, func(*testing.T) storetest.Store { return bot.NewMemoryStore() })
}

func TestMemoryStoreShared(t *testing.T) {
	// One MemoryStore is the shared database of replicas in one process.
	storetest.RunReplicas(t, func(*testing.T) func() storetest.Store {
		s := bot.NewMemoryStore()
		return func() storetest.Store { return s }
	})
}

func BenchmarkQuestionMemory(b *testing.B)   { storetest.BenchQuestion(b, bot.NewMemoryStore()) }
func BenchmarkStoreCallsMemory(b *testing.B) { storetest.BenchStoreCalls(b, bot.NewMemoryStore()) }
