package main

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cyberdiplo/cyberdiplo/bot"
	"github.com/cyberdiplo/cyberdiplo/bot/storage"
)

func TestUnanswered(t *testing.T) {
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "c.db")
	st, err := storage.Open(ctx, db, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 11, 24, 3, 0, 0, 0, time.UTC)
	for i := 0; i < 3; i++ {
		st.LogCurator(ctx, bot.CuratorLowConfidence, "kapan oewg kedua dibentuk", "group", at)
	}
	st.LogCurator(ctx, bot.CuratorRefused, "who won the world cup", "private", at)
	st.LogCurator(ctx, bot.CuratorReport, "[gge-2015-report] wrong date", "private", at)
	st.Close()

	run := func(args ...string) (int, string, string) {
		var out, errb bytes.Buffer
		a := &app{stdout: &out, stderr: &errb, environ: []string{"CYBERDIPLO_STORAGE_PATH=" + db}}
		a.defaults()
		return a.unanswered(ctx, "", args), out.String(), errb.String()
	}
	// Through the command line, as curators run it.
	res := runCLI(t, &app{environ: []string{"CYBERDIPLO_STORAGE_PATH=" + db}}, "", "unanswered", "--top", "2")
	code, out := res.code, res.stdout
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if code != exitOK || len(lines) != 3 || !strings.HasPrefix(lines[0], "COUNT") ||
		!strings.Contains(lines[1], "3") || !strings.Contains(lines[1], "low-confidence") || !strings.Contains(lines[1], "kapan oewg kedua dibentuk") {
		t.Fatalf("unanswered --top 2 = %d\n%s", code, out)
	}
	if code, out, _ := run(); code != exitOK || strings.Count(out, "\n") != 4 {
		t.Fatalf("unanswered = %d\n%s", code, out)
	}
	for _, bad := range [][]string{{"--top", "0"}, {"--top", "x"}, {"extra"}} {
		if code, _, _ := run(bad...); code != exitUsage {
			t.Errorf("unanswered %v = %d, want usage error", bad, code)
		}
	}
	res = runCLI(t, &app{environ: []string{"CYBERDIPLO_STORAGE_PATH=:memory:"}}, "", "unanswered")
	if res.code != exitFail || !strings.Contains(res.stderr, `storage.path is ":memory:"`) {
		t.Errorf("with storage in memory: %d %s", res.code, res.stderr)
	}
}

// TestUnansweredBeforeTheFirstRun: on the default database, before the bot ever ran,
// the log is empty and listing it creates no file.
func TestUnansweredBeforeTheFirstRun(t *testing.T) {
	db := filepath.Join(t.TempDir(), "cyberdiplo", "cyberdiplo.db")
	a := &app{defaultDatabase: func() (string, error) { return db, nil }}
	res := runCLI(t, a, "", "unanswered")
	if res.code != exitOK || !strings.Contains(res.stdout, "empty (no database at "+db) {
		t.Errorf("unanswered = %d\n%s%s", res.code, res.stdout, res.stderr)
	}
	if _, err := os.Stat(db); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("listing the log touched the database: %v", err)
	}
}
