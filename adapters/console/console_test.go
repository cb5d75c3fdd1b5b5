package console

import (
	"context"
	"io"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/cyberdiplo/cyberdiplo/bot"
	"github.com/cyberdiplo/cyberdiplo/knowledge"
)

func testBot(t *testing.T) *bot.Bot {
	t.Helper()
	base, err := knowledge.Load(os.DirFS("../../bot/testdata/facts"))
	if err != nil {
		t.Fatal(err)
	}
	return bot.New(base, knowledge.NewMatcher(base), bot.Options{})
}

func run(t *testing.T, h Handler, input string, opts Options) string {
	t.Helper()
	var out strings.Builder
	if err := New(h, strings.NewReader(input), &out, opts).Run(context.Background()); err != nil {
		t.Fatalf("Run: %v", err)
	}
	return out.String()
}

func TestPipedSession(t *testing.T) {
	tests := []struct {
		name     string
		input    string
		contains []string
		lacks    []string
	}{
		{name: "timeline page", input: "/timeline 2015\n",
			contains: []string{"Timeline 2015", "2015-07-22  2015 GGE consensus report (A/70/174)", "A/RES/70/237", "page 1 of 1"},
			lacks:    []string{"> ", "cyberdiplo —"}},
		{name: "links as text (url) and buttons as commands", input: "/fact gge-2015-report",
			contains: []string{"Report of the Group of Governmental Experts, 22 July 2015 (https://docs.un.org/en/A/70/174)",
				"→ Resolution 70/237 welcomes the 2015 GGE report", ": /fact res-70-237\n", "→ The 11 norms of responsible state behaviour: /fact eleven-norms"}},
		{name: "state carries from line to line", input: "/lang id\r\n\n/fact res-70-237\n/source\n",
			contains: []string{"bahasa Indonesia", "secara konsensus", "Sumber untuk: Resolusi 70/237"}},
		{name: "binary input gets a polite reply", input: "\x00\x01\x02\x03\xff\n/help\n",
			contains: []string{"could not read", "Commands"}},
		{name: "quit stops reading", input: "/quit\n/help\n", lacks: []string{"Commands"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out := run(t, testBot(t), tc.input, Options{})
			for _, s := range tc.contains {
				if !strings.Contains(out, s) {
					t.Errorf("output lacks %q:\n%s", s, out)
				}
			}
			for _, s := range tc.lacks {
				if strings.Contains(out, s) {
					t.Errorf("output has %q:\n%s", s, out)
				}
			}
		})
	}
}

// recorder remembers the messages the console built.
type recorder struct {
	mu   sync.Mutex
	msgs []bot.Message
}

func (r *recorder) Handle(_ context.Context, m *bot.Message) *bot.Reply {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.msgs = append(r.msgs, *m)
	if m.Text == "silent" {
		return nil
	}
	return &bot.Reply{Blocks: []bot.Block{{Spans: []bot.Span{{Text: "echo " + m.Text}}}}}
}

func TestMessagesAndSeparation(t *testing.T) {
	rec := &recorder{}
	out := run(t, rec, "one\n\n  two  \nsilent\nthree", Options{LocaleHint: "id_ID.UTF-8", UserName: "Sari"})
	if want := "echo one\n\necho two\n\necho three\n"; out != want {
		t.Errorf("output = %q, want %q", out, want)
	}
	if len(rec.msgs) != 4 {
		t.Fatalf("%d messages, want 4 (blank lines are skipped)", len(rec.msgs))
	}
	for _, m := range rec.msgs {
		if m.Platform != "console" || m.ChatID != ChatID || m.ChatKind != bot.Private || !m.Addressed || m.LocaleHint != "id_ID.UTF-8" || m.UserName != "Sari" {
			t.Errorf("message = %+v", m)
		}
	}
}

func TestInteractivePrompt(t *testing.T) {
	out := run(t, &recorder{}, "hello\n", Options{Interactive: true})
	if !strings.HasPrefix(out, "cyberdiplo — ") || !strings.Contains(out, "> echo hello\n") || !strings.HasSuffix(out, "> \n") {
		t.Errorf("interactive output:\n%q", out)
	}
}

func TestLongLineIsBounded(t *testing.T) {
	rec := &recorder{}
	run(t, rec, strings.Repeat("x", 3*maxLineBytes)+"\nnext\n", Options{})
	if len(rec.msgs) != 2 || len(rec.msgs[0].Text) != maxLineBytes || rec.msgs[1].Text != "next" {
		t.Errorf("got %d messages, first %d bytes", len(rec.msgs), len(rec.msgs[0].Text))
	}
}

func TestCancelStopsRun(t *testing.T) {
	pr, pw := io.Pipe()
	defer pw.Close()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- New(&recorder{}, pr, io.Discard, Options{}).Run(ctx) }()
	if _, err := pw.Write([]byte("a\n")); err != nil {
		t.Fatal(err)
	}
	cancel()
	// If cancellation were ignored, Run would block on the open pipe and the test
	// would hang until go test's own timeout.
	if err := <-done; err != nil {
		t.Errorf("Run after cancel: %v", err)
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, io.ErrClosedPipe }

func TestWriteErrorIsReturned(t *testing.T) {
	err := New(&recorder{}, strings.NewReader("a\n"), failWriter{}, Options{}).Run(context.Background())
	if err == nil || !strings.Contains(err.Error(), "closed pipe") {
		t.Errorf("err = %v", err)
	}
}
