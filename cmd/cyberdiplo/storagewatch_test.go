package main

import (
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cyberdiplo/cyberdiplo/bot/storage"
	"github.com/cyberdiplo/cyberdiplo/internal/syncbuf"
)

// TestDeletedDatabaseIsAnError: deleting the database file while the bot runs is logged
// as an error and fails readiness, instead of losing every chat's state without a word.
func TestDeletedDatabaseIsAnError(t *testing.T) {
	path := filepath.Join(t.TempDir(), "c.db")
	st, err := storage.Open(context.Background(), path, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var logs syncbuf.Buffer
	w := &storageWatch{st: &openedStore{chatStore: st, where: path}, interval: 5 * time.Millisecond, log: slog.New(slog.NewTextHandler(&logs, nil))}
	if err := w.Ready(context.Background()); err != nil {
		t.Fatalf("ready before: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- w.Run(ctx) }()
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the error in the log", func() bool { return strings.Contains(logs.String(), "chat-state database unusable") }, logs.String)
	if err := w.Ready(context.Background()); err == nil {
		t.Error("readiness passes with the database file deleted")
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("Run: %v", err)
	}
	if n := strings.Count(logs.String(), "level=ERROR"); n != 1 {
		t.Errorf("%d error lines, want one (logged once, not every check):\n%s", n, logs.String())
	}
}
