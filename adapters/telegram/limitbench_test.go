package telegram

import (
	"bufio"
	"context"
	"database/sql"
	"net"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	_ "modernc.org/sqlite" // the embedded store's driver, for the shared-bucket comparison

	"github.com/cyberdiplo/cyberdiplo/bot"
	"github.com/cyberdiplo/cyberdiplo/bot/limit"
)

// The flood limit is kept per replica (bot/limit, in memory). These benchmarks weigh that
// against a bucket shared through a database, which every message would have to consult:
// the in-memory check, one token-bucket UPDATE on the embedded SQLite (no network at
// all), and one loopback TCP round trip, the floor of any networked database call
// (PostgreSQL adds parsing, planning and locking on top).

// BenchmarkFloodLimitPerReplica is the check every message pays today.
func BenchmarkFloodLimitPerReplica(b *testing.B) {
	lim, err := limit.New(limit.Config{}, limit.Options{})
	if err != nil {
		b.Fatal(err)
	}
	msgs := make([]*bot.Message, 1000)
	for i := range msgs {
		id := strconv.Itoa(i)
		msgs[i] = &bot.Message{Platform: "telegram", ChatID: id, ChatKind: bot.Private, UserID: id, Addressed: true}
	}
	i := 0
	for b.Loop() {
		lim.Check(msgs[i%len(msgs)])
		i++
	}
}

// BenchmarkFloodLimitSharedSQLite is a shared token bucket: one UPDATE ... RETURNING per
// message, on a local database file.
func BenchmarkFloodLimitSharedSQLite(b *testing.B) {
	db, err := sql.Open("sqlite", filepath.Join(b.TempDir(), "limit.db")+"?_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)")
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	if _, err := db.ExecContext(ctx, `CREATE TABLE buckets (key TEXT PRIMARY KEY, tokens REAL NOT NULL, at REAL NOT NULL)`); err != nil {
		b.Fatal(err)
	}
	for i := range 1000 {
		if _, err := db.ExecContext(ctx, `INSERT INTO buckets VALUES (?, 5, 0)`, "u"+strconv.Itoa(i)); err != nil {
			b.Fatal(err)
		}
	}
	stmt, err := db.PrepareContext(ctx, `UPDATE buckets
		SET tokens = min(5, tokens + (?1 - at) * 0.1) - 1, at = ?1
		WHERE key = ?2 RETURNING tokens`)
	if err != nil {
		b.Fatal(err)
	}
	defer stmt.Close()
	i := 0
	for b.Loop() {
		var tokens float64
		now := float64(time.Now().UnixNano()) / 1e9
		if err := stmt.QueryRowContext(ctx, now, "u"+strconv.Itoa(i%1000)).Scan(&tokens); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// BenchmarkLoopbackRoundTrip is one request and its answer over loopback TCP: what any
// networked database costs per message at the very least, before it does any work.
func BenchmarkLoopbackRoundTrip(b *testing.B) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	defer ln.Close()
	go func() {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		defer c.Close()
		r := bufio.NewReader(c)
		for {
			line, err := r.ReadBytes('\n')
			if err != nil {
				return
			}
			if _, err := c.Write(line); err != nil {
				return
			}
		}
	}()
	c, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		b.Fatal(err)
	}
	defer c.Close()
	r := bufio.NewReader(c)
	msg := []byte("SELECT take_token('u1')\n")
	for b.Loop() {
		if _, err := c.Write(msg); err != nil {
			b.Fatal(err)
		}
		if _, err := r.ReadBytes('\n'); err != nil {
			b.Fatal(err)
		}
	}
}
