package console

import (
	"context"
	"errors"
	"io"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cyberdiplo/cyberdiplo/bot"
	"github.com/cyberdiplo/cyberdiplo/bot/standard"
	"github.com/cyberdiplo/cyberdiplo/internal/syncbuf"
	"github.com/cyberdiplo/cyberdiplo/knowledge"
)

func testBot(t *testing.T) *bot.Bot {
	t.Helper()
	base, err := knowledge.Load(os.DirFS("../../bot/testdata/facts"))
	if err != nil {
		t.Fatal(err)
	}
	return standard.New(base, knowledge.NewMatcher(base), bot.Options{})
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

// TestBannerLanguage: the banner greets in the environment's language, from the bot's
// catalogue, before any /lang choice exists.
func TestBannerLanguage(t *testing.T) {
	tests := []struct{ locale, want string }{
		{"", "Type a question or /help"},
		{"en_GB.UTF-8", "Type a question or /help"},
		{"id_ID.UTF-8", "Ketik pertanyaan atau /bantuan"},
	}
	for _, tc := range tests {
		out := run(t, &recorder{}, "", Options{Interactive: true, LocaleHint: tc.locale})
		if !strings.HasPrefix(out, "cyberdiplo — ") || !strings.Contains(out, tc.want) {
			t.Errorf("locale %q: banner %q, want %q", tc.locale, out, tc.want)
		}
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

// pushingHandler pushes a message through the console's Send while a line is being
// handled, as the daily-fact loop may at any moment.
type pushingHandler struct {
	c    *Console
	errs []error
}

func (p *pushingHandler) Handle(ctx context.Context, m *bot.Message) *bot.Reply {
	if m.Text == "push" {
		p.errs = append(p.errs, p.c.Send(ctx, ChatKey, textReply("Fact of the day: pushed")))
		return nil
	}
	return textReply("echo " + m.Text)
}

func textReply(s string) *bot.Reply {
	return &bot.Reply{Blocks: []bot.Block{{Spans: []bot.Span{{Text: s}}}}}
}

func TestSendPrintsBetweenReplies(t *testing.T) {
	tests := []struct {
		name  string
		opts  Options
		input string
		want  string
	}{
		{name: "piped: separated like a reply", input: "one\npush\ntwo\n",
			want: "echo one\n\nFact of the day: pushed\n\necho two\n"},
		{name: "piped: first output", input: "push\none\n",
			want: "Fact of the day: pushed\n\necho one\n"},
		{name: "interactive: the prompt comes back", opts: Options{Interactive: true}, input: "one\npush\n",
			want: "> echo one\n\n> Fact of the day: pushed\n\n> \n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var out strings.Builder
			p := &pushingHandler{}
			p.c = New(p, strings.NewReader(tc.input), &out, tc.opts)
			if err := p.c.Run(context.Background()); err != nil {
				t.Fatal(err)
			}
			for _, err := range p.errs {
				if err != nil {
					t.Errorf("Send: %v", err)
				}
			}
			got := out.String()
			if tc.opts.Interactive {
				_, got, _ = strings.Cut(got, "Ctrl-D to leave.\n\n")
			}
			if got != tc.want {
				t.Errorf("output = %q, want %q", got, tc.want)
			}
		})
	}
}

// TestSendAtPrompt: a message pushed while the user has not typed yet lands on its own
// lines and the prompt is shown again below it.
func TestSendAtPrompt(t *testing.T) {
	pr, pw := io.Pipe()
	out := &syncbuf.Buffer{}
	c := New(&recorder{}, pr, out, Options{Interactive: true})
	done := make(chan error, 1)
	go func() { done <- c.Run(context.Background()) }()
	waitOutput(t, out, "> ")
	if err := c.Send(context.Background(), ChatKey, textReply("On this day in 2015: A/70/174")); err != nil {
		t.Fatal(err)
	}
	pw.Close()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(out.String(), "> \nOn this day in 2015: A/70/174\n\n> \n") {
		t.Errorf("output = %q", out.String())
	}
}

func TestSendRefusesOtherChats(t *testing.T) {
	var out strings.Builder
	c := New(&recorder{}, strings.NewReader(""), &out, Options{})
	for _, key := range []string{"telegram:42", "console", "console:other", ""} {
		if err := c.Send(context.Background(), key, textReply("x")); !errors.Is(err, ErrUnknownChat) {
			t.Errorf("Send(%q) = %v, want ErrUnknownChat", key, err)
		}
	}
	if out.Len() != 0 {
		t.Errorf("a message for another chat was printed: %q", out.String())
	}
	if err := c.Send(context.Background(), ChatKey, nil); err != nil || out.Len() != 0 {
		t.Errorf("Send(nil) = %v, printed %q", err, out.String())
	}
}

// TestSendConcurrentWithReplies runs pushes against a stream of replies (go test -race
// finds unsynchronised writes) and checks that every message stays whole.
func TestSendConcurrentWithReplies(t *testing.T) {
	const lines, pushes = 200, 50
	out := &syncbuf.Buffer{}
	input := strings.Repeat("line\n", lines)
	c := New(&recorder{}, strings.NewReader(input), out, Options{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; i < pushes; i++ {
			if err := c.Send(context.Background(), ChatKey, textReply("pushed message")); err != nil {
				t.Error(err)
			}
		}
	}()
	if err := c.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	wg.Wait()
	parts := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n\n")
	if len(parts) != lines+pushes {
		t.Fatalf("%d messages, want %d", len(parts), lines+pushes)
	}
	for _, p := range parts {
		if p != "echo line" && p != "pushed message" {
			t.Fatalf("a message was torn: %q", p)
		}
	}
}

// waitOutput polls until the output ends with suffix; the deadline only keeps a broken
// console from hanging the run.
func waitOutput(t *testing.T, out *syncbuf.Buffer, suffix string) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !strings.HasSuffix(out.String(), suffix) {
		if time.Now().After(deadline) {
			t.Fatalf("output never ended with %q: %q", suffix, out.String())
		}
		time.Sleep(time.Millisecond)
	}
}

func TestStartedAfterGreeting(t *testing.T) {
	pr, pw := io.Pipe()
	defer pw.Close()
	out := &syncbuf.Buffer{}
	c := New(&recorder{}, pr, out, Options{Interactive: true})
	select {
	case <-c.Started():
		t.Fatal("started before Run")
	default:
	}
	done := make(chan error, 1)
	go func() { done <- c.Run(context.Background()) }()
	<-c.Started()
	if got := out.String(); !strings.HasPrefix(got, "cyberdiplo — ") || !strings.HasSuffix(got, "> ") {
		t.Errorf("at Started the output is %q, want the greeting and a prompt", got)
	}
	pw.Close()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

// BenchmarkPipedLine measures one piped question through the console and the bot (memory
// store): reading the line, answering it, rendering and writing the reply.
func BenchmarkPipedLine(b *testing.B) {
	base, err := knowledge.Load(os.DirFS("../../bot/testdata/facts"))
	if err != nil {
		b.Fatal(err)
	}
	h := standard.New(base, knowledge.NewMatcher(base), bot.Options{})
	input := strings.Repeat("what did the 2015 GGE report say?\n", b.N)
	b.ReportAllocs()
	b.ResetTimer()
	if err := New(h, strings.NewReader(input), io.Discard, Options{}).Run(context.Background()); err != nil {
		b.Fatal(err)
	}
}
