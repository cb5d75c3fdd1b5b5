package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cyberdiplo/cyberdiplo/bot"
	"github.com/cyberdiplo/cyberdiplo/bot/storage"
	"github.com/cyberdiplo/cyberdiplo/bot/storage/postgres"
	"github.com/cyberdiplo/cyberdiplo/internal/pgtest"
	"github.com/cyberdiplo/cyberdiplo/knowledge"
)

// populateSQLite writes a class's worth of chat state through the bot's own store API.
func populateSQLite(t *testing.T, path string) (roundID int64) {
	t.Helper()
	ctx := context.Background()
	st, err := storage.Open(ctx, path, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	at := time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(st.UpdateChat(ctx, "telegram:-100", func(c *bot.Chat) {
		c.Lang = knowledge.ID
		c.Daily.Enabled = true
		c.Last = bot.LastAnswer{FactID: "oewg-2021", At: at}
	}))
	must(st.UpdateChat(ctx, "discord:7", func(c *bot.Chat) { c.Muted = true }))
	for i := range 3 {
		r := &bot.QuizRound{ChatKey: "telegram:-100", Kind: "mcq", FactID: "oewg-2021", Question: "q", Lang: knowledge.EN,
			Options: []string{"a", "b", "c"}, Correct: 1, CreatedAt: at.Add(time.Duration(i) * time.Minute)}
		must(st.CreateQuizRound(ctx, r))
		roundID = r.ID
		for _, u := range []string{"alice", "bob"} {
			right := u == "alice" || i == 0
			_, err := st.AnswerQuiz(ctx, r.ID, bot.QuizAnswer{UserID: u, UserName: u, Option: btoi(right), Correct: right, At: at})
			must(err)
		}
	}
	must(st.BindQuizPoll(ctx, "telegram:poll-1", roundID))
	claimed, err := st.ClaimDaily(ctx, "telegram:-100", "2026-11-24", "oewg-2021", 0)
	must(err)
	if !claimed {
		t.Fatal("daily claim refused")
	}
	must(st.DailySent(ctx, "telegram:-100", "2026-11-24"))
	must(st.LogCurator(ctx, bot.CuratorRefused, "who won the football", "group", at))
	must(st.LogCurator(ctx, bot.CuratorRefused, "who won the football", "group", at.Add(time.Hour)))
	must(st.LogCurator(ctx, bot.CuratorReport, "wrong year", "private", at))
	_, err = st.HoldUpdate(ctx, "telegram", 42, []byte(`{}`), at) // in flight: not copied
	must(err)
	return roundID
}

// TestStorageCopy: a class's SQLite state copied into PostgreSQL reads back the same
// through the PostgreSQL store, new rounds get fresh ids, and a second copy adds nothing.
func TestStorageCopy(t *testing.T) {
	dsn := pgtest.Database(t)
	path := filepath.Join(t.TempDir(), "class.db")
	lastRound := populateSQLite(t, path)

	first := cli(t, "", "storage", "copy", "--from", "sqlite:"+path, "--to", "postgres:"+dsn)
	if first.code != exitOK {
		t.Fatalf("copy: exit %d\n%s%s", first.code, first.stdout, first.stderr)
	}
	wantCopied := map[string]string{"chats": "2", "quiz_rounds": "3", "quiz_answers": "6", "quiz_polls": "1", "daily_sent": "1", "curator_log": "2"}
	for table, n := range wantCopied {
		if f := tableLine(first.stdout, table); len(f) < 3 || f[1] != n || f[2] != n {
			t.Errorf("first copy, %s: %v, want %s in SQLite and %s copied\n%s", table, f, n, n, first.stdout)
		}
	}
	if f := tableLine(first.stdout, "inbox"); len(f) > 1 && f[1] != "updates" {
		t.Errorf("the inbox was copied: %v", f)
	}
	if !strings.Contains(first.stdout, "inbox: updates in flight") {
		t.Errorf("the summary does not say why the inbox stays:\n%s", first.stdout)
	}

	ctx := context.Background()
	pg, err := postgres.Open(ctx, dsn, postgres.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer pg.Close()
	chat, err := pg.Chat(ctx, "telegram:-100")
	if err != nil || chat.Lang != knowledge.ID || !chat.Daily.Enabled || chat.Last.FactID != "oewg-2021" {
		t.Errorf("chat settings read back: %+v, %v", chat, err)
	}
	if c, err := pg.Chat(ctx, "discord:7"); err != nil || !c.Muted {
		t.Errorf("muted chat read back: %+v, %v", c, err)
	}
	board, err := pg.Leaderboard(ctx, "telegram:-100", 10)
	if err != nil || len(board) != 2 || board[0].UserID != "alice" || board[0].Correct != 3 || board[1].Correct != 1 || board[1].Answered != 3 {
		t.Errorf("leaderboard read back: %+v, %v", board, err)
	}
	if r, err := pg.QuizRoundByPoll(ctx, "telegram:poll-1"); err != nil || r.ID != lastRound {
		t.Errorf("poll binding read back: %+v, %v", r, err)
	}
	if sent, err := pg.DailySentFacts(ctx, "telegram:-100"); err != nil || !sent["oewg-2021"] {
		t.Errorf("daily state read back: %v, %v", sent, err)
	}
	if claimed, err := pg.ClaimDaily(ctx, "telegram:-100", "2026-11-24", "other", 0); err != nil || claimed {
		t.Errorf("the day already sent in SQLite can be claimed again: %v, %v", claimed, err)
	}
	log, err := pg.Unanswered(ctx, 10)
	if err != nil || len(log) != 2 || log[0].Count != 2 {
		t.Errorf("curators' log read back: %+v, %v", log, err)
	}
	pending := 0
	if err := pg.PendingUpdates(ctx, "telegram", func(int64, []byte, time.Time) error { pending++; return nil }); err != nil || pending != 0 {
		t.Errorf("%d inbox updates copied (%v), want none", pending, err)
	}
	next := &bot.QuizRound{ChatKey: "telegram:-100", Kind: "mcq", FactID: "x", Question: "q", Options: []string{"a", "b"}, CreatedAt: time.Now()}
	if err := pg.CreateQuizRound(ctx, next); err != nil || next.ID <= lastRound {
		t.Errorf("a new round after the copy got id %d (%v), want one after %d", next.ID, err, lastRound)
	}

	second := cli(t, "", "storage", "copy", "--from", "sqlite:"+path, "--to", "postgres:"+dsn)
	if second.code != exitOK {
		t.Fatalf("second copy: exit %d\n%s%s", second.code, second.stdout, second.stderr)
	}
	for table, n := range wantCopied {
		if f := tableLine(second.stdout, table); len(f) < 4 || f[1] != n || f[2] != "0" || f[3] != n {
			t.Errorf("second copy, %s: %v, want nothing added\n%s", table, f, second.stdout)
		}
	}
	if b2, _ := pg.Leaderboard(ctx, "telegram:-100", 10); len(b2) != 2 || b2[0].Answered != board[0].Answered {
		t.Errorf("leaderboard after the second copy: %+v", b2)
	}
}

// TestStorageCopyRefusesAnotherBotsDatabase: a destination whose rounds are other rounds
// under the same ids is refused whole, rather than attaching answers to the wrong round.
func TestStorageCopyRefusesAnotherBotsDatabase(t *testing.T) {
	dsn := pgtest.Database(t)
	path := filepath.Join(t.TempDir(), "class.db")
	populateSQLite(t, path)
	ctx := context.Background()
	pg, err := postgres.Open(ctx, dsn, postgres.Options{})
	if err != nil {
		t.Fatal(err)
	}
	other := &bot.QuizRound{ChatKey: "discord:9", Kind: "mcq", FactID: "x", Question: "another class", Options: []string{"a", "b"}, CreatedAt: time.Now()}
	if err := pg.CreateQuizRound(ctx, other); err != nil {
		t.Fatal(err)
	}
	pg.Close()
	r := cli(t, "", "storage", "copy", "--from", "sqlite:"+path, "--to", "postgres:"+dsn)
	if r.code != exitFail || !strings.Contains(r.stderr, "already has another row") {
		t.Fatalf("exit %d, want a refusal:\n%s%s", r.code, r.stdout, r.stderr)
	}
}

// TestStorageCopyUsage: a wrong command line says what the command wants; a missing source
// is one clear line.
func TestStorageCopyUsage(t *testing.T) {
	for _, args := range [][]string{
		{"storage"},
		{"storage", "copy"},
		{"storage", "copy", "--from", "/x.db", "--to", "postgres:postgres://h/db"},
		{"storage", "copy", "--from", "sqlite:/x.db", "--to", "mysql:x"},
	} {
		if r := cli(t, "", args...); r.code != exitUsage || !strings.Contains(r.stderr, "--from sqlite:PATH --to postgres:DSN") {
			t.Errorf("%v: exit %d\n%s", args, r.code, r.stderr)
		}
	}
	r := cli(t, "", "storage", "copy", "--from", "sqlite:"+filepath.Join(t.TempDir(), "none.db"), "--to", "postgres://u:pw-secret@127.0.0.1:1/db")
	if r.code != exitFail || !strings.Contains(r.stderr, "no SQLite database at") || strings.Contains(r.stderr, "pw-secret") {
		t.Errorf("missing source: exit %d\n%s", r.code, r.stderr)
	}
}

// tableLine is the fields of the summary line of table.
func tableLine(out, table string) []string {
	for _, l := range strings.Split(out, "\n") {
		if f := strings.Fields(l); len(f) > 0 && f[0] == table {
			return f
		}
	}
	return nil
}
