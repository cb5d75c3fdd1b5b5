package postgres_test

import (
	"context"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/cyberdiplo/cyberdiplo/bot"
	"github.com/cyberdiplo/cyberdiplo/bot/storage/postgres"
	"github.com/cyberdiplo/cyberdiplo/bot/storage/storetest"
	"github.com/cyberdiplo/cyberdiplo/internal/pgtest"
)

func open(t testing.TB, dsn string, opts postgres.Options) *postgres.Store {
	t.Helper()
	s, err := postgres.Open(context.Background(), dsn, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) storetest.Store {
		return open(t, pgtest.Database(t), postgres.Options{})
	})
}

func TestReplicas(t *testing.T) {
	storetest.RunReplicas(t, func(t *testing.T) func() storetest.Store {
		dsn := pgtest.Database(t)
		return func() storetest.Store { return open(t, dsn, postgres.Options{}) }
	})
}

// TestMigrations: from an empty database and from each earlier version, Open brings the
// schema up to date and keeps the data.
func TestMigrations(t *testing.T) {
	storetest.RunMigrations(t, postgres.SchemaVersion(), func(t *testing.T, v int) func() storetest.Versioned {
		ctx := context.Background()
		dsn := pgtest.Database(t)
		if err := postgres.CreateAtVersion(ctx, dsn, v); err != nil {
			t.Fatal(err)
		}
		if v >= 1 {
			c, err := pgx.Connect(ctx, dsn)
			if err != nil {
				t.Fatal(err)
			}
			_, err = c.Exec(ctx, storetest.UpgradeRow)
			c.Close(ctx)
			if err != nil {
				t.Fatal(err)
			}
		}
		return func() storetest.Versioned { return open(t, dsn, postgres.Options{}) }
	})
}

// TestReplicasStartTogether: replicas opening one empty database at once apply each
// migration once (the advisory lock), and all start.
func TestReplicasStartTogether(t *testing.T) {
	dsn := pgtest.Database(t)
	var wg sync.WaitGroup
	errs := make(chan error, 6)
	for i := 0; i < 6; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s, err := postgres.Open(context.Background(), dsn, postgres.Options{MaxConns: 2})
			if err == nil {
				s.Close()
			}
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
}

func TestNewerSchemaIsRefused(t *testing.T) {
	ctx := context.Background()
	dsn := pgtest.Database(t)
	s := open(t, dsn, postgres.Options{})
	c, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(ctx)
	if _, err := c.Exec(ctx, "UPDATE schema_version SET version = version + 1"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	_, err = postgres.Open(ctx, dsn, postgres.Options{})
	if err == nil || !strings.Contains(err.Error(), "newer than this cyberdiplo knows") {
		t.Fatalf("err = %v, want a newer-schema error", err)
	}
}

// TestOpenErrors: each start-up failure is one line naming the problem, without the password.
func TestOpenErrors(t *testing.T) {
	dsn := pgtest.Database(t)
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatal(err)
	}
	pw, _ := u.User.Password()
	with := func(f func(u *url.URL)) string {
		c := *u
		f(&c)
		return c.String()
	}
	const secret = "s3cret-Pa55word"
	for _, tc := range []struct {
		name, dsn, want, password string
	}{
		{"bad DSN", "postgres://user:" + secret + "@127.0.0.1:notaport/db", "DSN is not valid", secret},
		{"bad DSN key=value", "host=127.0.0.1 password=" + secret + " port=x", "DSN is not valid", secret},
		{"wrong password", with(func(u *url.URL) { u.User = url.UserPassword(u.User.Username(), secret) }), "wrong password", secret},
		{"unknown database", with(func(u *url.URL) { u.Path = "/no_such_db_here" }), `database "no_such_db_here" does not exist`, pw},
		{"unreachable", with(func(u *url.URL) { u.Host = "127.0.0.1:1" }), "cannot reach the server at 127.0.0.1:1", pw},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := postgres.Open(context.Background(), tc.dsn, postgres.Options{})
			if err == nil {
				t.Fatal("Open succeeded")
			}
			msg := err.Error()
			if !strings.Contains(msg, tc.want) || strings.Contains(msg, "\n") {
				t.Errorf("error %q, want one line containing %q", msg, tc.want)
			}
			if tc.password != "" && strings.Contains(msg, tc.password) {
				t.Errorf("error %q shows the password", msg)
			}
		})
	}
}

// TestTakeoverAfterCrash: a replica killed mid-work leaves its updates; survivors
// sweeping at once take each over exactly once, and only after its heartbeat is stale.
func TestTakeoverAfterCrash(t *testing.T) {
	ctx := context.Background()
	dsn := pgtest.Database(t)
	const takeover = 2 * time.Second
	dead := open(t, dsn, postgres.Options{TakeoverAfter: takeover})
	const n = 200
	for id := int64(1); id <= n; id++ {
		if fresh, err := dead.HoldUpdate(ctx, "telegram", id, []byte("{}"), time.Now()); err != nil || !fresh {
			t.Fatalf("hold %d: %v %v", id, fresh, err)
		}
	}
	survivors := make([]*postgres.Store, 4)
	for i := range survivors {
		survivors[i] = open(t, dsn, postgres.Options{TakeoverAfter: takeover})
	}
	// While the holder beats, nobody takes its updates.
	if err := survivors[0].PendingUpdates(ctx, "telegram", func(id int64, _ []byte, _ time.Time) error {
		t.Fatalf("update %d taken from a live replica", id)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	postgres.Crash(dead)
	var mu sync.Mutex
	var got []int64
	for len(got) < n {
		var wg sync.WaitGroup
		for _, s := range survivors {
			wg.Add(1)
			go func() {
				defer wg.Done()
				err := s.PendingUpdates(ctx, "telegram", func(id int64, _ []byte, _ time.Time) error {
					mu.Lock()
					got = append(got, id)
					mu.Unlock()
					return nil
				})
				if err != nil {
					t.Error(err)
				}
			}()
		}
		wg.Wait()
		if t.Failed() {
			return
		}
		time.Sleep(takeover / 3)
	}
	slices.Sort(got)
	if len(slices.Compact(slices.Clone(got))) != len(got) || len(got) != n {
		t.Fatalf("%d updates taken over (%d distinct), want each of %d once", len(got), len(slices.Compact(got)), n)
	}
}

// TestLeadIsExclusive: one replica holds a lease; another waits, and takes it over when
// the holder releases it or dies.
func TestLeadIsExclusive(t *testing.T) {
	dsn := pgtest.Database(t)
	a, b := open(t, dsn, postgres.Options{}), open(t, dsn, postgres.Options{})
	ctx := context.Background()
	heldA, releaseA, err := a.Lead(ctx, "telegram-poll")
	if err != nil {
		t.Fatal(err)
	}
	short, cancel := context.WithTimeout(ctx, 1500*time.Millisecond)
	if _, _, err := b.Lead(short, "telegram-poll"); err == nil {
		t.Fatal("two replicas hold one lease")
	}
	cancel()
	if _, releaseOther, err := b.Lead(ctx, "another"); err != nil {
		t.Fatal(err)
	} else {
		releaseOther()
	}
	got := make(chan func())
	go func() {
		_, release, err := b.Lead(ctx, "telegram-poll")
		if err != nil {
			t.Error(err)
		}
		got <- release
	}()
	releaseA()
	<-heldA.Done()
	releaseB := <-got
	releaseB()

	// A holder whose connection dies loses the lease: held is cancelled.
	heldB, releaseB, err := b.Lead(ctx, "telegram-poll")
	if err != nil {
		t.Fatal(err)
	}
	defer releaseB()
	c, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(ctx)
	if _, err := c.Exec(ctx, `SELECT pg_terminate_backend(l.pid) FROM pg_locks l
		WHERE l.locktype = 'advisory' AND l.granted AND l.pid <> pg_backend_pid() AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())`); err != nil {
		t.Fatal(err)
	}
	<-heldB.Done()
}

func TestObserveAndPool(t *testing.T) {
	var mu sync.Mutex
	ops := map[string]int{}
	s := open(t, pgtest.Database(t), postgres.Options{MaxConns: 3, Observe: func(op string, d time.Duration, err error) {
		mu.Lock()
		ops[op]++
		mu.Unlock()
	}})
	ctx := context.Background()
	if _, err := s.Chat(ctx, "x"); err != nil {
		t.Fatal(err)
	}
	if err := s.Ready(ctx); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	if ops["Chat"] != 1 {
		t.Errorf("observed %v, want one Chat", ops)
	}
	mu.Unlock()
	if st := s.PoolStats(); st.Max != 3 || st.Total < 1 {
		t.Errorf("pool stats %+v", st)
	}
}

// TestSyncSequences: rounds copied in with their ids do not collide with new ones.
func TestSyncSequences(t *testing.T) {
	ctx := context.Background()
	s := open(t, pgtest.Database(t), postgres.Options{})
	if err := s.SyncSequences(ctx); err != nil { // an empty table
		t.Fatal(err)
	}
	r := &bot.QuizRound{ChatKey: "c", Kind: "k", FactID: "f", Question: "q", Options: []string{"a"}, CreatedAt: time.Now()}
	if err := s.CreateQuizRound(ctx, r); err != nil || r.ID != 1 {
		t.Fatalf("first round id %d %v", r.ID, err)
	}
	if _, err := s.Pool().Exec(ctx, `INSERT INTO quiz_rounds (id, chat_key, kind, fact_id, question, options, correct, created_at)
		VALUES (41, 'c', 'k', 'f', 'q', '["a"]', 0, 1)`); err != nil {
		t.Fatal(err)
	}
	if err := s.SyncSequences(ctx); err != nil {
		t.Fatal(err)
	}
	if err := s.CreateQuizRound(ctx, r); err != nil || r.ID != 42 {
		t.Fatalf("round after a copy: id %d %v, want 42", r.ID, err)
	}
}
