package main

import (
	"context"
	"encoding/json"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/cyberdiplo/cyberdiplo/bot"
	"github.com/cyberdiplo/cyberdiplo/bot/storage/postgres"
	"github.com/cyberdiplo/cyberdiplo/internal/pgtest"
)

// TestBadPostgresIsAClearError: a PostgreSQL database the bot cannot use stops it at
// start with one line naming the problem, exit 1, and never the password.
func TestBadPostgresIsAClearError(t *testing.T) {
	const pw = "Sup3r-Secret-pw"
	tests := []struct {
		name, dsn string
		want      string
	}{
		{"not a DSN", "postgres://bot:" + pw + "@127.0.0.1:notaport/db", "postgres: the DSN is not valid"},
		{"unreachable", "postgres://bot:" + pw + "@127.0.0.1:1/db?connect_timeout=5", "cannot reach the server at 127.0.0.1:1"},
	}
	if base := pgtestNewer(t); base != "" {
		tests = append(tests, struct{ name, dsn, want string }{"newer schema", base, "newer than this cyberdiplo knows"})
		if u, err := url.Parse(base); err == nil && u.User != nil {
			if _, has := u.User.Password(); has { // the test server checks passwords
				u.User = url.UserPassword(u.User.Username(), pw)
				tests = append(tests, struct{ name, dsn, want string }{"wrong password", u.String(), "wrong password for user"})
			}
		}
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := cli(t, "", "--config", writeConfig(t, "[storage]\ndriver = \"postgres\"\ndsn = \""+tc.dsn+"\"\n"))
			if r.code != exitFail || r.stdout != "" {
				t.Errorf("exit %d, stdout %q; want exit %d", r.code, r.stdout, exitFail)
			}
			if !strings.Contains(r.stderr, tc.want) || strings.Count(strings.TrimSpace(r.stderr), "\n") != 0 {
				t.Errorf("stderr is not one line saying %q:\n%s", tc.want, r.stderr)
			}
			if strings.Contains(r.stderr, pw) {
				t.Errorf("stderr shows the password:\n%s", r.stderr)
			}
		})
	}
}

// pgtestNewer is the DSN of a test database whose schema is newer than this binary's;
// "" without a test server (the other cases still run).
func pgtestNewer(t *testing.T) string {
	t.Helper()
	if !pgtestAvailable() {
		return ""
	}
	dsn := pgtest.Database(t)
	ctx := context.Background()
	st, err := postgres.Open(ctx, dsn, postgres.Options{})
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "UPDATE schema_version SET version = version + 100"); err != nil {
		t.Fatal(err)
	}
	return dsn
}

// TestServeOnPostgres: on PostgreSQL, /readyz checks the database and /metrics shows the
// pool and the queries.
func TestServeOnPostgres(t *testing.T) {
	dsn := pgtest.Database(t)
	r := startServe(t, "CYBERDIPLO_STORAGE_DRIVER=postgres", "CYBERDIPLO_STORAGE_DSN="+dsn, "CYBERDIPLO_OPS_LISTEN=127.0.0.1:0")
	defer r.stop(t)
	base := opsURL(t, r.stderr)
	r.adapter.brain.Handle(context.Background(), privateMessage("u1", "/lang id"))
	_, body := get(t, base+"/readyz")
	var ready struct {
		Checks []struct {
			Name string `json:"name"`
			OK   bool   `json:"ok"`
		} `json:"checks"`
	}
	if err := json.Unmarshal([]byte(body), &ready); err != nil {
		t.Fatalf("/readyz %q: %v", body, err)
	}
	storageOK := false
	for _, c := range ready.Checks {
		storageOK = storageOK || c.Name == "storage" && c.OK
	}
	if !storageOK {
		t.Errorf("/readyz does not report the database ready: %s", body)
	}
	_, metrics := get(t, base+"/metrics")
	for _, want := range []string{"cyberdiplo_db_pool_max 10", "cyberdiplo_db_pool_total", `cyberdiplo_db_query_duration_seconds_count{op="UpdateChat",result="ok"}`} {
		if !strings.Contains(metrics, want) {
			t.Errorf("/metrics lacks %q", want)
		}
	}
	if u, err := url.Parse(dsn); err == nil && u.User != nil {
		if p, has := u.User.Password(); has && strings.Contains(r.stderr.String(), p) {
			t.Errorf("the log shows the database password:\n%s", r.stderr.String())
		}
	}
}

// pgtestAvailable reports whether pgtest has a server to use (or CI demands one).
func pgtestAvailable() bool {
	return os.Getenv(pgtest.EnvVar) != "" || os.Getenv("CI") != "" && os.Getenv("CI") != "false"
}

// TestUnansweredOnPostgres: the curators' log lists what the replicas logged in PostgreSQL.
func TestUnansweredOnPostgres(t *testing.T) {
	dsn := pgtest.Database(t)
	ctx := context.Background()
	st, err := postgres.Open(ctx, dsn, postgres.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if err := st.LogCurator(ctx, bot.CuratorRefused, "who won the football", "group", time.Now()); err != nil {
			t.Fatal(err)
		}
	}
	st.Close()
	r := runCLI(t, &app{environ: []string{"CYBERDIPLO_STORAGE_DRIVER=postgres", "CYBERDIPLO_STORAGE_DSN=" + dsn}}, "", "unanswered")
	if r.code != exitOK || !strings.Contains(r.stdout, "who won the football") || !strings.Contains(r.stdout, "2  ") {
		t.Errorf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}
