package main

import (
	"context"
	"database/sql"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cyberdiplo/cyberdiplo/adapters/console"
	"github.com/cyberdiplo/cyberdiplo/bot"
	"github.com/cyberdiplo/cyberdiplo/bot/storage"
)

// TestDefaultDatabase: with no storage.path the console keeps its chat's state in the
// default database file, from one session to the next; ":memory:" writes no file and
// forgets.
func TestDefaultDatabase(t *testing.T) {
	db := filepath.Join(t.TempDir(), "data", "cyberdiplo", "cyberdiplo.db")
	defaultDB := func() (string, error) { return db, nil }
	if r := runCLI(t, &app{defaultDatabase: defaultDB}, "/lang id\n", "console"); r.code != exitOK || !strings.Contains(r.stdout, "bahasa Indonesia") {
		t.Fatalf("first session: %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if _, err := os.Stat(db); err != nil {
		t.Fatalf("no database at the default path: %v", err)
	}
	if r := runCLI(t, &app{defaultDatabase: defaultDB}, "/help\n", "console"); !strings.Contains(r.stdout, "Daftar perintah") {
		t.Errorf("the language choice was not kept in the default database:\n%s%s", r.stdout, r.stderr)
	}

	memDefault := filepath.Join(t.TempDir(), "never", "cyberdiplo.db")
	mem := func() *app {
		return &app{environ: []string{"CYBERDIPLO_STORAGE_PATH=:memory:"}, defaultDatabase: func() (string, error) { return memDefault, nil }}
	}
	if r := runCLI(t, mem(), "/lang id\n", "console"); r.code != exitOK || !strings.Contains(r.stdout, "bahasa Indonesia") {
		t.Fatalf("in memory: %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if r := runCLI(t, mem(), "/help\n", "console"); !strings.Contains(r.stdout, "Commands") {
		t.Errorf("state kept although storage.path is :memory::\n%s", r.stdout)
	}
	if _, err := os.Stat(filepath.Dir(memDefault)); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf(":memory: created %s: %v", filepath.Dir(memDefault), err)
	}
	// ask and facts export keep no chat state: they never create the database.
	askDB := filepath.Join(t.TempDir(), "ask", "cyberdiplo.db")
	noDB := func() (string, error) { return askDB, nil }
	if r := runCLI(t, &app{defaultDatabase: noDB}, "", "ask", "what is the OEWG?"); r.code != exitOK {
		t.Fatalf("ask: %d %s", r.code, r.stderr)
	}
	if _, err := os.Stat(askDB); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("ask created the database: %v", err)
	}
}

// TestBadDatabaseIsAClearError: a database the program cannot use stops it at start
// with one clear message and a non-zero exit, never a stack trace, never a reply.
func TestBadDatabaseIsAClearError(t *testing.T) {
	dir := t.TempDir()
	corrupt := filepath.Join(dir, "corrupt.db")
	if err := os.WriteFile(corrupt, []byte(strings.Repeat("this is not a SQLite database\n", 200)), 0o600); err != nil {
		t.Fatal(err)
	}
	locked := filepath.Join(dir, "locked.db")
	holdLock(t, locked)

	tests := []struct {
		name      string
		app       *app
		wantInErr []string
	}{
		{name: "corrupt file", app: &app{environ: []string{"CYBERDIPLO_STORAGE_PATH=" + corrupt}},
			wantInErr: []string{"cyberdiplo: storage: " + corrupt + " is not a valid cyberdiplo database", `":memory:"`}},
		{name: "locked by another process", app: &app{environ: []string{"CYBERDIPLO_STORAGE_PATH=" + locked}, busyTimeout: 50 * time.Millisecond},
			wantInErr: []string{"is locked by another process", "another cyberdiplo running"}},
		{name: "a directory", app: &app{environ: []string{"CYBERDIPLO_STORAGE_PATH=" + dir}},
			wantInErr: []string{"cyberdiplo: storage: ", dir}},
		{name: "no user data directory", app: &app{defaultDatabase: func() (string, error) {
			return "", errors.New("storage: no user data directory: $HOME is not defined")
		}}, wantInErr: []string{"storage.path: storage: no user data directory", `or to ":memory:"`}},
	}
	for _, tc := range tests {
		for _, cmd := range [][]string{{"console"}, nil} {
			t.Run(tc.name+" "+strings.Join(cmd, ""), func(t *testing.T) {
				r := runCLI(t, tc.app, "/help\n", cmd...)
				if r.code != exitFail || r.stdout != "" {
					t.Errorf("exit %d, stdout %q; want exit %d and no reply", r.code, r.stdout, exitFail)
				}
				for _, s := range tc.wantInErr {
					if !strings.Contains(r.stderr, s) {
						t.Errorf("stderr lacks %q:\n%s", s, r.stderr)
					}
				}
				for _, s := range []string{"goroutine ", "panic", ".go:"} {
					if strings.Contains(r.stderr, s) {
						t.Errorf("stderr has %q (a stack trace?):\n%s", s, r.stderr)
					}
				}
			})
		}
	}
}

// holdLock creates a database at path and holds its write lock until the test ends,
// as a second running cyberdiplo would.
func holdLock(t *testing.T, path string) {
	t.Helper()
	ctx := context.Background()
	st, err := storage.Open(ctx, path, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	conn, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.ExecContext(ctx, "BEGIN EXCLUSIVE"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		conn.ExecContext(ctx, "ROLLBACK")
		conn.Close()
		db.Close()
	})
}

// TestInteractiveConsoleDailyFact: the console chat's daily fact is printed while an
// interactive session runs, once per day across sessions; a piped session never
// prints it, and does not use it up.
func TestInteractiveConsoleDailyFact(t *testing.T) {
	db := filepath.Join(t.TempDir(), "cyberdiplo.db")
	st, err := storage.Open(context.Background(), db, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	// 00:00 UTC has passed whenever the test runs, so today's fact is due at once.
	err = st.UpdateChat(context.Background(), console.ChatKey, func(cs *bot.Chat) {
		cs.Daily = bot.DailySchedule{Enabled: true, Time: "00:00", Zone: "UTC"}
	})
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	env := []string{"CYBERDIPLO_STORAGE_PATH=" + db}
	isDaily := func(s string) bool {
		return strings.Contains(s, "Fact of the day: ") || strings.Contains(s, "On this day in ")
	}

	piped := runCLI(t, &app{environ: env}, "/daily\n", "console")
	if piped.code != exitOK || isDaily(piped.stdout) || !strings.Contains(piped.stdout, "Daily fact: on, every day at 00:00 (UTC)") {
		t.Fatalf("piped session: %d\n%s%s", piped.code, piped.stdout, piped.stderr)
	}

	s := startSession(t, &app{environ: env, terminal: true}, "console")
	waitFor(t, "the daily fact", func() bool { return isDaily(s.out.String()) }, s.dump)
	if !strings.HasSuffix(s.out.String(), "\n\n> ") {
		// The session may still be writing; wait for the prompt that follows the fact.
		waitFor(t, "the prompt after the daily fact", func() bool { return strings.HasSuffix(s.out.String(), "\n\n> ") }, s.dump)
	}
	if out := s.out.String(); !strings.HasPrefix(out, "cyberdiplo — ") {
		t.Errorf("the daily fact came before the greeting:\n%s", out)
	}
	// It became the chat's last answer: /cite cites it.
	if reply := s.say("/cite"); !strings.Contains(reply, "How to cite: ") || !strings.Contains(reply, "APA 7: ") {
		t.Errorf("/cite after the daily fact:\n%s", reply)
	}
	if code := s.end(); code != exitOK {
		t.Fatalf("exit %d\n%s", code, s.dump())
	}

	// A second session the same day: no second fact.
	s = startSession(t, &app{environ: env, terminal: true}, "console")
	waitFor(t, "the prompt", func() bool { return strings.HasSuffix(s.out.String(), "> ") }, s.dump)
	reply := s.say("/daily")
	if code := s.end(); code != exitOK {
		t.Fatalf("exit %d\n%s", code, s.dump())
	}
	if isDaily(s.out.String()) || !strings.Contains(reply, "Daily fact: on") {
		t.Errorf("second session the same day:\n%s", s.out.String())
	}
}
