package storage_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	_ "modernc.org/sqlite"

	"github.com/cyberdiplo/cyberdiplo/bot"
	"github.com/cyberdiplo/cyberdiplo/bot/storage"
	"github.com/cyberdiplo/cyberdiplo/bot/storage/storetest"
	"github.com/cyberdiplo/cyberdiplo/knowledge"
)

func open(t *testing.T, path string) *storage.Store {
	t.Helper()
	s, err := storage.Open(context.Background(), path, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

var t0 = time.Date(2026, 11, 24, 8, 0, 0, 0, time.UTC)

// TestPersistsAcrossReopen writes every kind of record, closes the database, opens it
// again and reads everything back: a restart keeps everything.
func TestPersistsAcrossReopen(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "sub", "cyberdiplo.db")
	s := open(t, path)

	if err := s.UpdateChat(ctx, "telegram:1", func(st *bot.Chat) { st.Lang = knowledge.ID; st.Last.FactID = "gge-2015-report" }); err != nil {
		t.Fatal(err)
	}
	if err := s.UpdateChat(ctx, "telegram:1", func(cs *bot.Chat) {
		cs.Muted = true
		cs.Daily = bot.DailySchedule{Enabled: true, Time: "07:30", Zone: "Asia/Makassar", Lang: knowledge.ID}
	}); err != nil {
		t.Fatal(err)
	}
	if err := s.UpdateChat(ctx, "telegram:1", func(c *bot.Chat) { c.Last = bot.LastAnswer{FactID: "oewg-2019-2021", At: t0} }); err != nil {
		t.Fatal(err)
	}
	r := &bot.QuizRound{ChatKey: "telegram:1", Kind: "chair", FactID: "oewg-2019-2021", Question: "Who chaired it?", Lang: knowledge.ID,
		Options: []string{"A", "B", "C", "D"}, Correct: 2, CreatedAt: t0}
	if err := s.CreateQuizRound(ctx, r); err != nil {
		t.Fatal(err)
	}
	if out, err := s.AnswerQuiz(ctx, r.ID, bot.QuizAnswer{UserID: "u1", UserName: "Ayu", Option: 2, At: t0}); err != nil || out != bot.AnswerRecorded {
		t.Fatalf("answer: %v %v", out, err)
	}
	if ok, err := s.ClaimDaily(ctx, "telegram:1", "2026-11-24", "gge-2013-report", 0); err != nil || !ok {
		t.Fatalf("claim: %v %v", ok, err)
	}
	if err := s.DailySent(ctx, "telegram:1", "2026-11-24"); err != nil {
		t.Fatal(err)
	}
	if err := s.LogCurator(ctx, bot.CuratorRefused, "who won the world cup", "group", t0); err != nil {
		t.Fatal(err)
	}
	if err := s.BindQuizPoll(ctx, "telegram:77", r.ID); err != nil {
		t.Fatal(err)
	}
	if err := s.BindQuizPoll(ctx, "telegram:78", 9999); !errors.Is(err, bot.ErrNotFound) {
		t.Fatalf("poll bound to a missing round: %v", err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	s = open(t, path)
	defer s.Close()
	st, err := s.Chat(ctx, "telegram:1")
	if err != nil || st.Lang != knowledge.ID {
		t.Fatalf("chat state after reopen: %+v %v", st, err)
	}
	want := bot.DailySchedule{Enabled: true, Time: "07:30", Zone: "Asia/Makassar", Lang: knowledge.ID, LastSent: "2026-11-24"}
	if !st.Muted || st.Daily != want {
		t.Fatalf("settings after reopen: %+v, want muted and %+v", st, want)
	}
	la := st.Last
	if la.FactID != "oewg-2019-2021" || !la.At.Equal(t0) {
		t.Fatalf("last answer after reopen: %+v %v", la, err)
	}
	got, err := s.QuizRound(ctx, r.ID)
	if err != nil || got.Question != r.Question || got.Lang != knowledge.ID || got.Correct != 2 || strings.Join(got.Options, ",") != "A,B,C,D" || !got.CreatedAt.Equal(t0) {
		t.Fatalf("round after reopen: %+v %v", got, err)
	}
	if byPoll, err := s.QuizRoundByPoll(ctx, "telegram:77"); err != nil || byPoll.ID != r.ID || byPoll.Lang != knowledge.ID {
		t.Fatalf("round by poll after reopen: %+v %v", byPoll, err)
	}
	if _, err := s.QuizRoundByPoll(ctx, "telegram:1"); !errors.Is(err, bot.ErrNotFound) {
		t.Fatalf("unknown poll: %v", err)
	}
	board, err := s.Leaderboard(ctx, "telegram:1", 10)
	if err != nil || len(board) != 1 || board[0].UserName != "Ayu" || board[0].Correct != 1 {
		t.Fatalf("leaderboard after reopen: %+v %v", board, err)
	}
	sent, err := s.DailySentFacts(ctx, "telegram:1")
	if err != nil || !sent["gge-2013-report"] {
		t.Fatalf("daily facts after reopen: %v %v", sent, err)
	}
	if ok, _ := s.ClaimDaily(ctx, "telegram:1", "2026-11-24", "other", 0); ok {
		t.Fatal("the same day was claimed twice across a restart")
	}
	log, err := s.Unanswered(ctx, 5)
	if err != nil || len(log) != 1 || log[0].Count != 1 || log[0].ChatKind != "group" {
		t.Fatalf("curators' log after reopen: %+v %v", log, err)
	}
	if v, err := s.Version(ctx); err != nil || v != storage.SchemaVersion() || v < 1 {
		t.Fatalf("schema version %d (%v), want %d", v, err, storage.SchemaVersion())
	}
}

func TestMigrationsIdempotent(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "c.db")
	for i := 0; i < 3; i++ {
		s := open(t, path)
		if v, err := s.Version(ctx); err != nil || v != storage.SchemaVersion() {
			t.Fatalf("open %d: version %d %v", i, v, err)
		}
		s.Close()
	}
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var rows int
	if err := db.QueryRow("SELECT COUNT(*) FROM schema_version").Scan(&rows); err != nil || rows != 1 {
		t.Fatalf("schema_version has %d rows (%v), want 1", rows, err)
	}
}

// TestMigrations opens a database left by each earlier version (and none): the pending
// migrations are applied, the data kept, and the store works.
func TestMigrations(t *testing.T) {
	storetest.RunMigrations(t, storage.SchemaVersion(), func(t *testing.T, v int) func() storetest.Versioned {
		path := filepath.Join(t.TempDir(), "c.db")
		if err := storage.CreateAtVersion(context.Background(), path, v); err != nil {
			t.Fatal(err)
		}
		if v >= 1 {
			db, err := sql.Open("sqlite", path)
			if err != nil {
				t.Fatal(err)
			}
			_, err = db.Exec(storetest.UpgradeRow)
			db.Close()
			if err != nil {
				t.Fatal(err)
			}
		}
		return func() storetest.Versioned {
			s := open(t, path)
			t.Cleanup(func() { s.Close() })
			return s
		}
	})
}

func TestNewerSchemaIsRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "c.db")
	open(t, path).Close()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("UPDATE schema_version SET version = 999"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	_, err = storage.Open(context.Background(), path, storage.Options{})
	if err == nil || !strings.Contains(err.Error(), "newer") {
		t.Fatalf("error %v, want a clear 'newer schema' error", err)
	}
}

func TestCorruptFileIsClearError(t *testing.T) {
	tests := []struct {
		name string
		data []byte
	}{
		{"text file", []byte(strings.Repeat("this is not a database\n", 400))},
		{"damaged header", append([]byte("SQLite format 3\x00"), make([]byte, 8192)...)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "c.db")
			if err := os.WriteFile(path, tt.data, 0o600); err != nil {
				t.Fatal(err)
			}
			_, err := storage.Open(context.Background(), path, storage.Options{})
			if err == nil {
				t.Fatal("opened a corrupt file")
			}
			if !strings.Contains(err.Error(), path) || !(strings.Contains(err.Error(), "not a valid") || strings.Contains(err.Error(), "damaged")) {
				t.Fatalf("unclear error: %v", err)
			}
		})
	}
}

func TestLockedFileIsClearError(t *testing.T) {
	path := filepath.Join(t.TempDir(), "c.db")
	open(t, path).Close()
	// Another process holding an exclusive lock looks like this connection.
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	ctx := context.Background()
	conn, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "PRAGMA locking_mode=EXCLUSIVE"); err != nil {
		t.Fatal(err)
	}
	if _, err := conn.ExecContext(ctx, "BEGIN EXCLUSIVE"); err != nil {
		t.Fatal(err)
	}
	defer conn.ExecContext(ctx, "ROLLBACK")
	_, err = storage.Open(ctx, path, storage.Options{BusyTimeout: 50 * time.Millisecond})
	if err == nil || !strings.Contains(err.Error(), "locked") {
		t.Fatalf("error %v, want a clear 'locked' error", err)
	}
}

func TestBadPath(t *testing.T) {
	for _, p := range []string{"", "/tmp/a?b.db"} {
		if _, err := storage.Open(context.Background(), p, storage.Options{}); err == nil {
			t.Errorf("Open(%q) succeeded", p)
		}
	}
}

func TestDefaultPath(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", "/data/x")
	p, err := storage.DefaultPath()
	if err != nil || p != filepath.Join("/data/x", "cyberdiplo", "cyberdiplo.db") {
		t.Fatalf("DefaultPath = %q %v", p, err)
	}
}

// TestConcurrentUse hammers one store from many goroutines (run with -race): no answer
// is lost, and the first answer per user and round is the only one counted.
func TestConcurrentUse(t *testing.T) {
	ctx := context.Background()
	s := open(t, filepath.Join(t.TempDir(), "c.db"))
	defer s.Close()
	const rounds, users = 5, 8
	ids := make([]int64, rounds)
	for i := range ids {
		r := &bot.QuizRound{ChatKey: "discord:g", Kind: "year", FactID: "f", Question: "q", Options: []string{"1", "2", "3", "4"}, Correct: 1, CreatedAt: t0}
		if err := s.CreateQuizRound(ctx, r); err != nil {
			t.Fatal(err)
		}
		ids[i] = r.ID
	}
	var wg sync.WaitGroup
	errs := make(chan error, 1000)
	recorded := make(chan struct{}, 1000)
	for u := 0; u < users; u++ {
		for _, id := range ids {
			for try := 0; try < 3; try++ { // the same user clicks three times
				wg.Add(1)
				go func(u int, id int64, try int) {
					defer wg.Done()
					out, err := s.AnswerQuiz(ctx, id, bot.QuizAnswer{UserID: fmt.Sprint("u", u), UserName: "n", Option: (u + try) % 4, At: t0.Add(time.Duration(try) * time.Second)})
					if err != nil {
						errs <- err
					}
					if out == bot.AnswerRecorded {
						recorded <- struct{}{}
					}
				}(u, id, try)
			}
		}
		wg.Add(1)
		go func(u int) {
			defer wg.Done()
			key := fmt.Sprint("console:", u)
			for i := 0; i < 6; i++ {
				if err := s.UpdateChat(ctx, key, func(st *bot.Chat) { st.Last.FactID = fmt.Sprint("f", i) }); err != nil {
					errs <- err
				}
				if err := s.UpdateChat(ctx, key, func(cs *bot.Chat) { cs.Muted = !cs.Muted }); err != nil {
					errs <- err
				}
				if err := s.LogCurator(ctx, bot.CuratorRefused, "same question", "private", t0); err != nil {
					errs <- err
				}
			}
		}(u)
	}
	wg.Wait()
	close(errs)
	close(recorded)
	for err := range errs {
		t.Fatal(err)
	}
	if n := len(recorded); n != rounds*users {
		t.Fatalf("%d answers recorded, want exactly one per user and round (%d)", n, rounds*users)
	}
	board, err := s.Leaderboard(ctx, "discord:g", 0)
	if err != nil || len(board) != users {
		t.Fatalf("leaderboard %+v %v", board, err)
	}
	total := 0
	for _, sc := range board {
		total += sc.Answered
	}
	if total != rounds*users {
		t.Fatalf("%d answers on the board, want %d", total, rounds*users)
	}
	log, err := s.Unanswered(ctx, 1)
	if err != nil || log[0].Count != users*6 {
		t.Fatalf("curator count %+v %v, want %d", log, err, users*6)
	}
	for u := 0; u < users; u++ {
		cs, _ := s.Chat(ctx, fmt.Sprint("console:", u))
		if cs.Muted { // toggled an even number of times
			t.Fatalf("lost update on console:%d", u)
		}
	}
}

func TestQuizRules(t *testing.T) {
	ctx := context.Background()
	s := open(t, filepath.Join(t.TempDir(), "c.db"))
	defer s.Close()
	mk := func(chat string) int64 {
		r := &bot.QuizRound{ChatKey: chat, Kind: "year", FactID: "f", Question: "q", Options: []string{"a", "b", "c", "d"}, Correct: 0, CreatedAt: t0}
		if err := s.CreateQuizRound(ctx, r); err != nil {
			t.Fatal(err)
		}
		return r.ID
	}
	r1, r2, other := mk("c"), mk("c"), mk("other")
	answer := func(id int64, user string, opt int, at time.Duration) bot.AnswerOutcome {
		out, err := s.AnswerQuiz(ctx, id, bot.QuizAnswer{UserID: user, UserName: "name-" + user, Option: opt, At: t0.Add(at)})
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	if answer(r1, "ana", 0, 1) != bot.AnswerRecorded || answer(r1, "ana", 1, 2) != bot.AnswerDuplicate {
		t.Fatal("second click of the same user must be ignored")
	}
	answer(r1, "budi", 1, 3)
	answer(r2, "budi", 0, 4)
	answer(r2, "citra", 0, 5)
	answer(other, "dewi", 0, 6)
	if closed, err := s.CloseQuizRound(ctx, r2); err != nil || !closed {
		t.Fatalf("close: %v %v", closed, err)
	}
	if closed, _ := s.CloseQuizRound(ctx, r2); closed {
		t.Fatal("closing twice reported a close")
	}
	if answer(r2, "eko", 0, 7) != bot.AnswerClosed {
		t.Fatal("answer to a closed round counted")
	}
	if _, err := s.AnswerQuiz(ctx, 9999, bot.QuizAnswer{UserID: "x"}); !errors.Is(err, bot.ErrNotFound) {
		t.Fatalf("unknown round: %v", err)
	}
	if _, err := s.QuizRound(ctx, 9999); !errors.Is(err, bot.ErrNotFound) {
		t.Fatalf("unknown round: %v", err)
	}
	board, err := s.Leaderboard(ctx, "c", 10)
	if err != nil {
		t.Fatal(err)
	}
	// ana 1/1, citra 1/1 (later), budi 1/2; dewi plays in another chat.
	var got []string
	for _, sc := range board {
		got = append(got, fmt.Sprintf("%d:%s:%d/%d", sc.Rank, sc.UserName, sc.Correct, sc.Answered))
	}
	if want := "1:name-ana:1/1 2:name-citra:1/1 3:name-budi:1/2"; strings.Join(got, " ") != want {
		t.Fatalf("leaderboard %q, want %q", strings.Join(got, " "), want)
	}
	if top, _ := s.Leaderboard(ctx, "c", 2); len(top) != 2 {
		t.Fatalf("limit ignored: %d rows", len(top))
	}
	st, ok, err := s.PlayerStats(ctx, "c", "budi")
	if err != nil || !ok || st.Rank != 3 || st.Answered != 2 {
		t.Fatalf("stats %+v %v %v", st, ok, err)
	}
	if _, ok, _ := s.PlayerStats(ctx, "c", "dewi"); ok {
		t.Fatal("stats leaked across chats")
	}
	answers, err := s.QuizAnswers(ctx, r1)
	if err != nil || len(answers) != 2 || !answers[0].Correct || answers[1].Correct {
		t.Fatalf("answers %+v %v", answers, err)
	}
}

func TestDailyAndCurator(t *testing.T) {
	ctx := context.Background()
	s := open(t, filepath.Join(t.TempDir(), "c.db"))
	defer s.Close()
	on := func(cs *bot.Chat) { cs.Daily.Enabled = true }
	s.UpdateChat(ctx, "a", on)
	s.UpdateChat(ctx, "b", on)
	s.UpdateChat(ctx, "b", func(cs *bot.Chat) { cs.Muted = true })
	s.UpdateChat(ctx, "c", func(cs *bot.Chat) { cs.Muted = false })
	chats, err := s.DailyChats(ctx)
	if err != nil || len(chats) != 1 || chats[0].ChatKey != "a" || chats[0].Daily.Time != bot.DefaultDailyTime || chats[0].Daily.Zone != bot.DefaultDailyZone {
		t.Fatalf("daily chats %+v %v (muted chats and chats without the daily fact must not appear)", chats, err)
	}
	for _, c := range []struct {
		date string
		want bool
	}{{"2026-11-24", true}, {"2026-11-24", false}, {"2026-11-23", false}, {"2026-11-25", true}} {
		if ok, err := s.ClaimDaily(ctx, "a", c.date, "f-"+c.date, 0); err != nil || ok != c.want {
			t.Fatalf("claim %s = %v %v, want %v", c.date, ok, err, c.want)
		}
		if err := s.DailySent(ctx, "a", c.date); err != nil {
			t.Fatal(err)
		}
	}
	for i := 0; i < 3; i++ {
		s.LogCurator(ctx, bot.CuratorLowConfidence, "kapan oewg dibentuk", "group", t0.Add(time.Duration(i)*time.Minute))
	}
	s.LogCurator(ctx, bot.CuratorReport, "wrong date", "private", t0)
	s.LogCurator(ctx, bot.CuratorRefused, "cuaca", "private", t0.Add(time.Hour))
	log, err := s.Unanswered(ctx, 2)
	if err != nil || len(log) != 2 {
		t.Fatalf("log %+v %v", log, err)
	}
	if log[0].Text != "kapan oewg dibentuk" || log[0].Count != 3 || !log[0].FirstSeen.Equal(t0) || !log[0].LastSeen.Equal(t0.Add(2*time.Minute)) {
		t.Fatalf("top entry %+v", log[0])
	}
	if log[1].Text != "cuaca" { // equal counts: most recent first
		t.Fatalf("second entry %+v", log[1])
	}
}

func BenchmarkAnswerQuiz(b *testing.B) {
	ctx := context.Background()
	s, err := storage.Open(ctx, filepath.Join(b.TempDir(), "c.db"), storage.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	r := &bot.QuizRound{ChatKey: "c", Kind: "year", FactID: "f", Question: "q", Options: []string{"a", "b", "c", "d"}, CreatedAt: t0}
	if err := s.CreateQuizRound(ctx, r); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		i++
		if _, err := s.AnswerQuiz(ctx, r.ID, bot.QuizAnswer{UserID: fmt.Sprint(i), UserName: "n", At: t0}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkGetChatState(b *testing.B) {
	ctx := context.Background()
	s, err := storage.Open(ctx, filepath.Join(b.TempDir(), "c.db"), storage.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	s.UpdateChat(ctx, "c", func(st *bot.Chat) { st.Lang = knowledge.ID })
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.Chat(ctx, "c"); err != nil {
			b.Fatal(err)
		}
	}
}

// TestChatStateFieldsPersisted fails when bot.Chat gains a field this store does not
// save, which would otherwise be lost silently at every restart.
func TestChatStateFieldsPersisted(t *testing.T) {
	persisted := map[string]bool{"Lang": true, "Muted": true, "Daily": true, "Last": true,
		"Daily.Enabled": true, "Daily.Time": true, "Daily.Zone": true, "Daily.Lang": true, "Daily.LastSent": true,
		"Last.FactID": true, "Last.At": true}
	for typ, prefix := range map[reflect.Type]string{reflect.TypeOf(bot.Chat{}): "", reflect.TypeOf(bot.DailySchedule{}): "Daily.", reflect.TypeOf(bot.LastAnswer{}): "Last."} {
		for i := 0; i < typ.NumField(); i++ {
			if name := prefix + typ.Field(i).Name; !persisted[name] {
				t.Errorf("bot.Chat's %s is not stored by bot/storage: add a column (new migration) and map it in Chat/UpdateChat", name)
			}
		}
	}
	ctx := context.Background()
	s := open(t, filepath.Join(t.TempDir(), "c.db"))
	defer s.Close()
	want := bot.Chat{Lang: knowledge.EN, Muted: true, Daily: bot.DailySchedule{Enabled: true, Time: "07:00", Zone: "UTC", Lang: knowledge.ID, LastSent: "2026-11-24"},
		Last: bot.LastAnswer{FactID: "f", At: t0}}
	if err := s.UpdateChat(ctx, "c", func(st *bot.Chat) { *st = want }); err != nil {
		t.Fatal(err)
	}
	if got, err := s.Chat(ctx, "c"); err != nil || got.Lang != want.Lang || got.Muted != want.Muted || got.Daily != want.Daily ||
		got.Last.FactID != want.Last.FactID || !got.Last.At.Equal(want.Last.At) {
		t.Fatalf("Chat = %+v %v, want %+v", got, err, want)
	}
	if got, err := s.Chat(ctx, "never-seen"); err != nil || got != bot.NewChat() {
		t.Fatalf("unknown chat = %+v %v, want the record of a new chat", got, err)
	}
}

// TestInboxKeepsUpdatesAcrossReopen: an update held and not finished is pending after a
// reopen; a finished one is not, and holding either again reports a redelivery.
func TestInboxKeepsUpdatesAcrossReopen(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "inbox.db")
	s := open(t, path)
	at := time.UnixMilli(1_700_000_000_000).UTC()
	for id := int64(1); id <= 3; id++ {
		if fresh, err := s.HoldUpdate(ctx, "telegram", id, []byte(fmt.Sprintf(`{"update_id":%d}`, id)), at); err != nil || !fresh {
			t.Fatalf("hold %d: %v %v", id, fresh, err)
		}
	}
	if err := s.FinishUpdate(ctx, "telegram", 2); err != nil {
		t.Fatal(err)
	}
	if err := s.ReleaseUpdate(ctx, "telegram", 3); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s = open(t, path)
	defer s.Close()
	var got []int64
	if err := s.PendingUpdates(ctx, "telegram", func(id int64, payload []byte, received time.Time) error {
		if string(payload) != fmt.Sprintf(`{"update_id":%d}`, id) || !received.Equal(at) {
			t.Errorf("update %d: payload %s received %v", id, payload, received)
		}
		got = append(got, id)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(got) != "[1]" {
		t.Errorf("pending after reopen: %v, want [1]", got)
	}
	for _, tc := range []struct {
		id    int64
		fresh bool
	}{{1, false}, {2, false}, {3, true}, {4, true}} {
		if fresh, err := s.HoldUpdate(ctx, "telegram", tc.id, []byte("{}"), at); err != nil || fresh != tc.fresh {
			t.Errorf("hold %d again: fresh=%v err=%v, want %v", tc.id, fresh, err, tc.fresh)
		}
	}
	if fresh, _ := s.HoldUpdate(ctx, "discord", 1, []byte("{}"), at); !fresh {
		t.Error("platforms share update ids")
	}
}

// TestConnectionsBounded: 1,500 concurrent reads and writes (a burst of Discord
// interactions) all succeed on a bounded set of connections, so they cannot exhaust the
// process's file descriptors.
func TestConnectionsBounded(t *testing.T) {
	ctx := context.Background()
	s := open(t, filepath.Join(t.TempDir(), "burst.db"))
	defer s.Close()
	const n = 1500
	var wg sync.WaitGroup
	var peak atomic.Int64
	errs := make(chan error, 2*n)
	start := make(chan struct{})
	for i := range n {
		wg.Go(func() {
			<-start
			key := fmt.Sprint("discord:", i%300)
			if _, err := s.Chat(ctx, key); err != nil {
				errs <- err
			}
			if err := s.UpdateChat(ctx, key, func(st *bot.Chat) { st.Last.FactID = fmt.Sprint("f", i) }); err != nil {
				errs <- err
			}
			for c := int64(storage.OpenConnections(s)); ; {
				p := peak.Load()
				if c <= p || peak.CompareAndSwap(p, c) {
					break
				}
			}
		})
	}
	close(start)
	wg.Wait()
	close(errs)
	failed := 0
	for err := range errs {
		if failed == 0 {
			t.Errorf("first failure: %v", err)
		}
		failed++
	}
	if failed > 0 {
		t.Errorf("%d of %d reads and writes failed", failed, 2*n)
	}
	if p := peak.Load(); p > storage.MaxConnections {
		t.Errorf("%d connections open at once, want at most %d", p, storage.MaxConnections)
	}
}

// TestReadyNoticesADeletedOrReplacedFile: SQLite keeps writing to a database file deleted
// or replaced under it, so Ready reports it rather than losing the state silently.
func TestReadyNoticesADeletedOrReplacedFile(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name   string
		change func(path string) error
		want   string
	}{
		{"deleted", os.Remove, "is gone"},
		{"replaced", func(path string) error {
			if err := os.Rename(path, path+".old"); err != nil {
				return err
			}
			return os.WriteFile(path, nil, 0o600)
		}, "was replaced"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "c.db")
			s := open(t, path)
			defer s.Close()
			if err := s.Ready(ctx); err != nil {
				t.Fatalf("fresh database not ready: %v", err)
			}
			if err := tc.change(path); err != nil {
				t.Fatal(err)
			}
			if err := s.Ready(ctx); err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Ready = %v, want an error saying it %s", err, tc.want)
			}
		})
	}
}
