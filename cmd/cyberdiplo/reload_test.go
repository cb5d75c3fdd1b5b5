package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/cyberdiplo/cyberdiplo/internal/syncbuf"
)

const (
	examplePack    = "../../examples/packs/course-hi3101"
	palmasQuestion = "Who won the Island of Palmas arbitration?"
	palmasAnswer   = "Max Huber" // in the example pack's answer only
)

// waitFor polls until cond holds; the deadline only keeps a broken program from
// hanging the test run.
func waitFor(t *testing.T, what string, cond func() bool, dump func() string) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("gave up waiting for %s; output:\n%s", what, dump())
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func readExamplePack(t *testing.T) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(examplePack, "cases.toml"))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func writePack(t *testing.T, dir string, data []byte) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, "cases.toml"), data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// session drives a running program through a pipe on its standard input, one line at
// a time, waiting for each reply.
type session struct {
	t    *testing.T
	in   *io.PipeWriter
	out  *syncbuf.Buffer
	logs *syncbuf.Buffer
	done chan int
}

func startSession(t *testing.T, a *app, args ...string) *session {
	t.Helper()
	isolate(t, a)
	t.Chdir(t.TempDir())
	pr, pw := io.Pipe()
	s := &session{t: t, in: pw, out: &syncbuf.Buffer{}, logs: &syncbuf.Buffer{}, done: make(chan int, 1)}
	a.stdin, a.stdout, a.stderr = pr, s.out, s.logs
	go func() { s.done <- a.run(context.Background(), args) }()
	t.Cleanup(func() { pw.Close() })
	return s
}

// say sends one line and returns the reply to it. The console separates replies with
// a blank line, so the reply is what follows the previous ones.
func (s *session) say(line string) string {
	s.t.Helper()
	before := len(s.out.String())
	if _, err := fmt.Fprintln(s.in, line); err != nil {
		s.t.Fatal(err)
	}
	// The console writes each reply in one call, so any growth is the whole reply.
	waitFor(s.t, "a reply to "+line, func() bool { return len(s.out.String()) > before }, s.dump)
	return s.out.String()[before:]
}

func (s *session) dump() string {
	return "stdout:\n" + s.out.String() + "\nstderr:\n" + s.logs.String()
}

func (s *session) end() int {
	s.t.Helper()
	s.in.Close()
	select {
	case code := <-s.done:
		return code
	case <-time.After(30 * time.Second):
		s.t.Fatalf("the program did not end; output:\n%s", s.dump())
		return -1
	}
}

// TestConsoleReloadCommand is the lecturer's loop: the bot runs, the pack appears,
// /reload loads it, a broken edit is refused with its problems while the bot keeps
// answering, and the fixed pack loads again.
func TestConsoleReloadCommand(t *testing.T) {
	packDir := t.TempDir()
	cfg := writeConfig(t, fmt.Sprintf("[knowledge]\nextra_dirs = [%q]\nreload_interval = \"0s\"\n", packDir))
	good := readExamplePack(t) // before the session moves to its own directory
	s := startSession(t, &app{}, "--config", cfg, "console")

	if r := s.say(palmasQuestion); strings.Contains(r, palmasAnswer) {
		t.Fatalf("answered from a pack that is not there yet:\n%s", r)
	}
	writePack(t, packDir, good)
	embeddedFacts := embedded(t).Len()
	want := fmt.Sprintf("Fact base reloaded: %d facts (2 added, 0 removed, 0 changed)", embeddedFacts+2)
	if r := s.say("/reload"); !strings.Contains(r, want) {
		t.Fatalf("/reload said:\n%s\nwant %q", r, want)
	}
	if r := s.say(palmasQuestion); !strings.Contains(r, palmasAnswer) {
		t.Fatalf("the reloaded pack does not answer:\n%s", r)
	}

	writePack(t, packDir, bytes.Replace(good, []byte("answer_id = "), []byte("# answer_id = "), 1))
	r := s.say("/reload")
	for _, w := range []string{"Fact packs rejected, 1 problem(s)", fmt.Sprintf("previous base (%d facts)", embeddedFacts+2), "cases.toml: fact hi3101-island-of-palmas: answer_id: missing"} {
		if !strings.Contains(r, w) {
			t.Errorf("/reload of a broken pack lacks %q:\n%s", w, r)
		}
	}
	if r := s.say(palmasQuestion); !strings.Contains(r, palmasAnswer) {
		t.Errorf("the previous base stopped answering after a broken pack:\n%s", r)
	}
	if !strings.Contains(s.logs.String(), "fact pack problem") {
		t.Errorf("the problem was not logged:\n%s", s.logs)
	}

	writePack(t, packDir, good)
	if r := s.say("/muatulang"); !strings.Contains(r, "Basis fakta dimuat ulang") {
		t.Errorf("the Indonesian alias after the fix said:\n%s", r)
	}
	if code := s.end(); code != exitOK {
		t.Errorf("exit code %d; output:\n%s", code, s.dump())
	}
}

// TestServeReloadsOnSIGHUP runs the program the way main does (no platform token: the
// console) and delivers SIGHUP through the same hook main installs.
func TestServeReloadsOnSIGHUP(t *testing.T) {
	packDir := t.TempDir()
	cfg := writeConfig(t, fmt.Sprintf("[knowledge]\nextra_dirs = [%q]\nreload_interval = \"0s\"\n", packDir))
	hangups := make(chan os.Signal, 1)
	released := make(chan struct{})
	a := &app{notifyHangup: func() (<-chan os.Signal, func()) {
		return hangups, func() { close(released) }
	}}
	pack := readExamplePack(t) // before the session moves to its own directory
	s := startSession(t, a, "--config", cfg)
	if r := s.say(palmasQuestion); strings.Contains(r, palmasAnswer) {
		t.Fatalf("answered from a pack that is not there yet:\n%s", r)
	}
	writePack(t, packDir, pack)
	hangups <- syscall.SIGHUP
	waitFor(t, "the reload after SIGHUP", func() bool { return strings.Contains(s.logs.String(), "fact base reloaded") }, s.dump)
	if !strings.Contains(s.logs.String(), "signal=hangup") {
		t.Errorf("the log does not say SIGHUP triggered the reload:\n%s", s.logs)
	}
	if r := s.say(palmasQuestion); !strings.Contains(r, palmasAnswer) {
		t.Errorf("after SIGHUP the pack does not answer:\n%s", r)
	}
	if code := s.end(); code != exitOK {
		t.Errorf("exit code %d; output:\n%s", code, s.dump())
	}
	select {
	case <-released:
	default:
		t.Error("SIGHUP delivery was not stopped at exit")
	}
}

// TestReloaderPollsChangedPacks checks the interval path: a pack edited while the bot
// runs is picked up without any signal.
func TestReloaderPollsChangedPacks(t *testing.T) {
	packDir := t.TempDir()
	var logs syncbuf.Buffer
	log := slog.New(slog.NewTextHandler(&logs, nil))
	lib, err := openLibrary([]string{packDir}, log)
	if err != nil {
		t.Fatal(err)
	}
	r := &reloader{lib: lib, interval: 5 * time.Millisecond, log: log}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- r.Run(ctx) }()
	writePack(t, packDir, readExamplePack(t))
	waitFor(t, "the polled reload", func() bool {
		_, ok := lib.Current().Base.Get("hi3101-corfu-channel")
		return ok
	}, logs.String)
	cancel()
	if err := <-done; err != nil {
		t.Errorf("Run ended with %v", err)
	}
}

// TestServeWithoutPacksSurvivesSIGHUP: with no fact pack configured, SIGHUP is still
// taken (its default would end the process, which systemd counts as a clean exit), logged
// as having nothing to reload, and the bot keeps answering.
func TestServeWithoutPacksSurvivesSIGHUP(t *testing.T) {
	hangups := make(chan os.Signal, 1)
	a := &app{notifyHangup: func() (<-chan os.Signal, func()) { return hangups, func() {} }}
	s := startSession(t, a)
	hangups <- syscall.SIGHUP
	waitFor(t, "the SIGHUP log line", func() bool { return strings.Contains(s.logs.String(), "nothing to reload") }, s.dump)
	if r := s.say(palmasQuestion); strings.TrimSpace(r) == "" {
		t.Errorf("no answer after SIGHUP:\n%s", s.dump())
	}
	if code := s.end(); code != exitOK {
		t.Errorf("exit code %d; output:\n%s", code, s.dump())
	}
}
