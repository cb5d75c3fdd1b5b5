package study_test

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/cyberdiplo/cyberdiplo/bot"
	"github.com/cyberdiplo/cyberdiplo/bot/standard"
	"github.com/cyberdiplo/cyberdiplo/bot/storage"
	"github.com/cyberdiplo/cyberdiplo/knowledge"
)

// These tests run the bot on the SQLite store, as `cyberdiplo` does with storage.path:
// what a study group set up survives a restart.

func sqliteBot(t *testing.T, path string) (*bot.Bot, *storage.Store) {
	t.Helper()
	st, err := storage.Open(context.Background(), path, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	base, err := knowledge.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	return standard.New(base, nil, bot.Options{Store: st}), st
}

func msg(chat, user, text string, admin bool) *bot.Message {
	return &bot.Message{Platform: "discord", ChatID: chat, ChatKind: bot.Group, UserID: user, UserName: "n-" + user,
		Text: text, Addressed: true, IsAdmin: admin}
}

func TestStudyStatePersistsAcrossRestart(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "cyberdiplo.db")
	b, st := sqliteBot(t, path)
	b.Handle(ctx, msg("g", "boss", "/lang id", true))
	b.Handle(ctx, msg("g", "boss", "/daily on 07:15 WITA", true))
	q := b.Handle(ctx, msg("g", "ana", "/quiz", false))
	var round int64
	var opt int
	for _, row := range q.Buttons {
		for _, btn := range row {
			if n, _ := fmt.Sscanf(btn.Data, "/quiz answer %d %d", &round, &opt); n == 2 {
				break
			}
		}
	}
	if round == 0 {
		t.Fatalf("no quiz round in %#v", q)
	}
	click := msg("g", "ana", fmt.Sprintf("/quiz answer %d 0", round), false)
	click.Action = true
	b.Handle(ctx, click)
	b.Handle(ctx, msg("g", "boss", "/mute", true))
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}

	b, st = sqliteBot(t, path)
	defer st.Close()
	if r := b.Handle(ctx, msg("g", "ana", "/mystats", false)); r != nil {
		t.Fatalf("the mute was lost in the restart: %s", bot.PlainText(r))
	}
	b.Handle(ctx, msg("g", "boss", "/unmute", true))
	r := b.Handle(ctx, msg("g", "ana", "/mystats", false))
	if r == nil || r.Lang != knowledge.ID || !strings.Contains(bot.PlainText(r), "dari 1 benar") {
		t.Fatalf("score or language lost in the restart: %#v", r)
	}
	if r := b.Handle(ctx, msg("g", "x", "/daily", false)); !strings.Contains(bot.PlainText(r), "07:15 (Asia/Makassar)") {
		t.Fatalf("daily schedule lost in the restart: %s", bot.PlainText(r))
	}
	// The round is still open after the restart: another player can answer it.
	other := msg("g", "budi", fmt.Sprintf("/quiz answer %d 1", round), false)
	other.Action = true
	if r := b.Handle(ctx, other); r == nil || !strings.Contains(bot.PlainText(r), "n-ana, n-budi") {
		t.Fatalf("round after restart: %#v", r)
	}
}

// TestStudyConcurrentChats drives many chats at once on one database (run with -race).
func TestStudyConcurrentChats(t *testing.T) {
	ctx := context.Background()
	b, st := sqliteBot(t, filepath.Join(t.TempDir(), "c.db"))
	defer st.Close()
	var wg sync.WaitGroup
	for c := 0; c < 8; c++ {
		wg.Add(1)
		go func(c int) {
			defer wg.Done()
			chat := fmt.Sprint("chat", c)
			for i := 0; i < 5; i++ {
				if r := b.Handle(ctx, msg(chat, "u", "/quiz", false)); r == nil {
					t.Errorf("%s: no quiz", chat)
				}
				b.Handle(ctx, msg(chat, "u", "/ask what is the weather in Jakarta tomorrow?", false))
				b.Handle(ctx, msg(chat, "u", "/leaderboard", false))
			}
		}(c)
	}
	wg.Wait()
	log, err := st.Unanswered(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	total := 0
	for _, e := range log {
		total += e.Count
	}
	if total == 0 {
		t.Fatal("refused questions were not logged")
	}
}

// BenchmarkQuestionOnSQLite measures a question through the bot on the SQLite store.
func BenchmarkQuestionOnSQLite(b *testing.B) {
	st, err := storage.Open(context.Background(), filepath.Join(b.TempDir(), "c.db"), storage.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	base, err := knowledge.Embedded()
	if err != nil {
		b.Fatal(err)
	}
	brain := standard.New(base, nil, bot.Options{Store: st})
	m := msg("g", "u", "/ask what is the 2015 GGE report?", false)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if brain.Handle(ctx, m) == nil {
			b.Fatal("no reply")
		}
	}
}

// BenchmarkQuizOnSQLite measures /quiz (draw, store the round, render).
func BenchmarkQuizOnSQLite(b *testing.B) {
	st, err := storage.Open(context.Background(), filepath.Join(b.TempDir(), "c.db"), storage.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	base, err := knowledge.Embedded()
	if err != nil {
		b.Fatal(err)
	}
	brain := standard.New(base, nil, bot.Options{Store: st})
	m := msg("g", "u", "/quiz", false)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if brain.Handle(ctx, m) == nil {
			b.Fatal("no reply")
		}
	}
}
