// Package pgtest gives tests a fresh PostgreSQL database of their own on the server
// named by CYBERDIPLO_TEST_DATABASE_URL. Without that variable a plain `go test ./...`
// skips the PostgreSQL tests with one line saying how to run them; under CI (CI set) a
// missing variable or an unreachable server fails the test instead, so CI never passes
// by skipping them.
package pgtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// EnvVar names the server the tests use: a DSN whose user may create databases.
const EnvVar = "CYBERDIPLO_TEST_DATABASE_URL"

// Database creates a database with a unique name on the test server, drops it when the
// test ends, and returns its DSN.
func Database(t testing.TB) string {
	t.Helper()
	base := os.Getenv(EnvVar)
	ci := os.Getenv("CI") != "" && os.Getenv("CI") != "false"
	if base == "" {
		if ci {
			t.Fatalf("PostgreSQL tests need %s under CI (bash .ci/run starts a server and sets it)", EnvVar)
		}
		t.Skipf("PostgreSQL tests skipped: set %s=postgres://user:pass@127.0.0.1:5432/postgres?sslmode=disable or run bash .ci/run", EnvVar)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	admin, err := pgx.Connect(ctx, base)
	if err != nil {
		if ci {
			t.Fatalf("PostgreSQL test server unreachable (%s): %v", EnvVar, err)
		}
		t.Fatalf("PostgreSQL test server unreachable (%s): %v; unset it to skip these tests", EnvVar, err)
	}
	defer admin.Close(context.Background())
	var b [6]byte
	_, _ = rand.Read(b[:])
	name := "cyberdiplo_test_" + hex.EncodeToString(b[:])
	if _, err := admin.Exec(ctx, "CREATE DATABASE "+name); err != nil {
		t.Fatalf("creating test database: %v", err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		c, err := pgx.Connect(ctx, base)
		if err != nil {
			t.Errorf("dropping test database %s: %v", name, err)
			return
		}
		defer c.Close(context.Background())
		if _, err := c.Exec(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
			t.Errorf("dropping test database %s: %v", name, err)
		}
	})
	return withDatabase(t, base, name)
}

// withDatabase is base with its database replaced by name (URL or key=value form).
func withDatabase(t testing.TB, base, name string) string {
	if u, err := url.Parse(base); err == nil && (u.Scheme == "postgres" || u.Scheme == "postgresql") {
		u.Path = "/" + name
		return u.String()
	}
	var out []string
	for _, f := range strings.Fields(base) {
		if !strings.HasPrefix(f, "dbname=") {
			out = append(out, f)
		}
	}
	if len(out) == 0 {
		t.Fatalf("%s is neither a postgres:// URL nor key=value settings", EnvVar)
	}
	return strings.Join(append(out, "dbname="+name), " ")
}
