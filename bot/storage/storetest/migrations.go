package storetest

import (
	"context"
	"fmt"
	"testing"
	"time"
)

// UpgradeRow is the chat RunMigrations expects in a database left at version 1 or later:
// muted, with the daily fact sent on 2026-11-23.
const UpgradeRow = "INSERT INTO chats (chat_key, muted, daily_enabled, daily_last_sent) VALUES ('c', 1, 1, '2026-11-23')"

// Versioned is a store that reports its schema version.
type Versioned interface {
	Store
	Inbox
	Version(ctx context.Context) (int, error)
}

// RunMigrations opens a database left by each earlier version (and none) and checks that
// the pending migrations are applied, the data kept, and the store works. leave makes a
// fresh database at version v, holding UpgradeRow when v >= 1, and returns a function
// that opens it with this binary (closed by the caller's cleanup); latest is the version
// this binary knows.
func RunMigrations(t *testing.T, latest int, leave func(t *testing.T, v int) func() Versioned) {
	for v := 0; v < latest; v++ {
		t.Run(fmt.Sprintf("from%d", v), func(t *testing.T) {
			ctx := context.Background()
			s := leave(t, v)()
			if got, err := s.Version(ctx); err != nil || got != latest {
				t.Fatalf("version %d (%v) after upgrade, want %d", got, err, latest)
			}
			if cs, _ := s.Chat(ctx, "c"); v >= 1 && (!cs.Muted || cs.Daily.LastSent != "2026-11-23") {
				t.Fatalf("data lost in the upgrade: %+v", cs)
			}
			if ok, err := s.ClaimDaily(ctx, "c", "2026-11-24", "f", 0); err != nil || !ok {
				t.Fatalf("daily claim after upgrade: %v %v", ok, err)
			}
			if fresh, err := s.HoldUpdate(ctx, "telegram", 1, []byte("{}"), time.Now()); err != nil || !fresh {
				t.Fatalf("inbox after upgrade: %v %v", fresh, err)
			}
		})
	}
}
