package bot

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/cyberdiplo/cyberdiplo/knowledge"
)

const (
	examplePack    = "../examples/packs/course-hi3101"
	palmasQuestion = "Who won the Island of Palmas arbitration?"
	palmasFact     = "hi3101-island-of-palmas"
	corfuFact      = "hi3101-corfu-channel"
)

// reloadFixture is a bot over the test facts plus a pack directory the test edits.
type reloadFixture struct {
	t    *testing.T
	dir  string
	good []byte
	lib  *knowledge.Library
	bot  *Bot
}

func newReloadFixture(t *testing.T, opts Options) *reloadFixture {
	t.Helper()
	good, err := os.ReadFile(filepath.Join(examplePack, "cases.toml"))
	if err != nil {
		t.Fatal(err)
	}
	f := &reloadFixture{t: t, dir: t.TempDir(), good: good}
	f.lib, err = knowledge.OpenLibrary(knowledge.LibraryOptions{ExtraDirs: []string{f.dir}, Builtin: os.DirFS("testdata/facts")})
	if err != nil {
		t.Fatal(err)
	}
	f.bot = NewWithLibrary(f.lib, shipped(opts))
	return f
}

func (f *reloadFixture) write(content []byte) {
	f.t.Helper()
	if err := os.WriteFile(filepath.Join(f.dir, "cases.toml"), content, 0o644); err != nil {
		f.t.Fatal(err)
	}
}

func (f *reloadFixture) remove() {
	f.t.Helper()
	if err := os.Remove(filepath.Join(f.dir, "cases.toml")); err != nil {
		f.t.Fatal(err)
	}
}

func console(text string) *Message {
	return &Message{Platform: "console", ChatID: "local", ChatKind: Private, UserID: "console", Text: text, Addressed: true, IsAdmin: true}
}

func TestReloadedPackAnswersInChat(t *testing.T) {
	f := newReloadFixture(t, Options{})
	ctx := context.Background()
	if r := f.bot.Handle(ctx, private(palmasQuestion)); r.Kind == KindAnswer {
		t.Fatalf("answered %s before the pack exists", r.FactID)
	}
	if r := f.bot.Handle(ctx, private("/fact "+palmasFact)); r.Kind == KindAnswer {
		t.Fatal("/fact found a pack fact before the pack exists")
	}
	f.write(f.good)
	if _, err := f.lib.Reload(); err != nil {
		t.Fatal(err)
	}
	r := f.bot.Handle(ctx, private(palmasQuestion))
	if r.Kind != KindAnswer || r.FactID != palmasFact {
		t.Fatalf("after the reload: %v %q\n%s", r.Kind, r.FactID, PlainText(r))
	}
	if got := buttonData(r); len(got) != 1 || got[0] != "/fact "+corfuFact {
		t.Errorf("related buttons = %q, want the pack's other fact", got)
	}
	if f.bot.FactReply(corfuFact, knowledge.ID) == nil {
		t.Error("FactReply does not know the reloaded fact")
	}
	if got := f.bot.Suggest("Island of Pal", knowledge.EN, 3); len(got) == 0 || got[0].FactID != palmasFact {
		t.Errorf("Suggest after the reload = %+v", got)
	}
	if f.bot.Base().Len() != f.lib.Current().Base.Len() {
		t.Error("Base() is not the reloaded base")
	}
}

func TestReloadCommandPermissions(t *testing.T) {
	tests := []struct {
		name    string
		msg     *Message
		reloads bool
		silent  bool
	}{
		{"console", console("/reload"), true, false},
		{"configured operator in private", &Message{Platform: "telegram", ChatID: "7", ChatKind: Private, UserID: "7", Text: "/reload", Addressed: true, IsAdmin: true}, true, false},
		{"Indonesian alias", &Message{Platform: "telegram", ChatID: "7", ChatKind: Private, UserID: "7", Text: "/muatulang", Addressed: true, IsAdmin: true}, true, false},
		{"anyone else in private", &Message{Platform: "telegram", ChatID: "8", ChatKind: Private, UserID: "8", Text: "/reload", Addressed: true, IsAdmin: true}, false, false},
		{"same id on another platform", &Message{Platform: "discord", ChatID: "7", ChatKind: Private, UserID: "7", Text: "/reload", Addressed: true, IsAdmin: true}, false, false},
		{"operator in a group", &Message{Platform: "telegram", ChatID: "-100", ChatKind: Group, UserID: "7", Text: "/reload", Addressed: true, IsAdmin: true}, false, true},
		{"group admin", &Message{Platform: "discord", ChatID: "g", ChatKind: Group, UserID: "9", Text: "/reload", Addressed: true, IsAdmin: true}, false, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := newReloadFixture(t, Options{Operators: []string{"telegram:7"}})
			f.write(f.good)
			before := f.lib.Current().Version
			r := f.bot.Handle(context.Background(), tc.msg)
			reloaded := f.lib.Current().Version != before
			if reloaded != tc.reloads {
				t.Errorf("reloaded = %v, want %v", reloaded, tc.reloads)
			}
			switch {
			case tc.silent:
				if r != nil {
					t.Errorf("want silence, got %q", PlainText(r))
				}
			case r == nil:
				t.Fatal("no reply")
			case tc.reloads && !strings.Contains(PlainText(r), "2 added") && !strings.Contains(PlainText(r), "2 ditambah"):
				t.Errorf("reply = %q", PlainText(r))
			case !tc.reloads && !strings.Contains(PlainText(r), "operator"):
				t.Errorf("refusal = %q", PlainText(r))
			}
		})
	}
	b := newReloadFixture(t, Options{}).bot
	for _, c := range b.Commands() {
		if c.Name == "reload" {
			t.Error("/reload is offered in the platform menus")
		}
	}
	if help := PlainText(b.Handle(context.Background(), private("/help"))); strings.Contains(help, "/reload") {
		t.Error("/help lists /reload")
	}
}

func TestReloadCommandReportsProblems(t *testing.T) {
	f := newReloadFixture(t, Options{})
	ctx := context.Background()
	f.write(f.good)
	if r := f.bot.Handle(ctx, console("/reload")); r.Kind != KindInfo {
		t.Fatalf("good pack: %q", PlainText(r))
	}
	// Twelve facts without an Indonesian answer: twelve problems, ten shown.
	var broken strings.Builder
	for i := range 12 {
		fmt.Fprintf(&broken, "[[fact]]\nid = \"broken-%d\"\nkind = \"term\"\ntopics = [\"glossary\"]\ntitle_en = \"T\"\ntitle_id = \"T\"\nanswer_en = \"A.\"\n"+
			"questions_en = [\"a\", \"b\", \"c\"]\nquestions_id = [\"a\", \"b\", \"c\"]\n[[fact.sources]]\ntitle = \"S\"\nurl = \"https://example.org/\"\n\n", i)
	}
	f.write([]byte(broken.String()))
	r := f.bot.Handle(ctx, console("/reload"))
	text := PlainText(r)
	if r.Kind != KindError || !strings.Contains(text, "12 problem(s)") || !strings.Contains(text, "2 more in the log") ||
		strings.Count(text, "answer_id: missing") != 10 {
		t.Errorf("broken pack reply:\n%s", text)
	}
	if got := f.bot.Handle(ctx, private(palmasQuestion)); got.FactID != palmasFact {
		t.Errorf("after the refused reload the previous pack stopped answering: %q", PlainText(got))
	}
	fixed := New(f.lib.Current().Base, nil, shipped(Options{}))
	if r := fixed.Handle(ctx, console("/reload")); !strings.Contains(PlainText(r), "built in") {
		t.Errorf("a fixed base says %q", PlainText(r))
	}
}

// TestConcurrentHandleDuringReloads answers messages from many chats while the pack
// comes, goes and breaks. Every message gets a reply, and each reply is consistent
// with one snapshot: whenever the pack's fact is answered, its related pack fact is
// offered too, which a reply mixing two snapshots would miss.
func TestConcurrentHandleDuringReloads(t *testing.T) {
	f := newReloadFixture(t, Options{})
	ctx := context.Background()
	const chats, perChat, reloads = 8, 60, 40
	var wg sync.WaitGroup
	errs := make(chan string, chats*perChat)
	for c := range chats {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range perChat {
				var m *Message
				switch i % 4 {
				case 0:
					m = private(palmasQuestion)
				case 1:
					m = private("/fact " + palmasFact)
				case 2:
					m = private("What did the 2015 GGE report say?")
				default:
					m = private("/topics")
				}
				m.ChatID = fmt.Sprintf("chat-%d", c)
				r := f.bot.Handle(ctx, m)
				switch {
				case r == nil:
					errs <- fmt.Sprintf("%q: no reply", m.Text)
				case r.FactID == palmasFact && r.Kind == KindAnswer:
					if got := buttonData(r); len(got) != 1 || got[0] != "/fact "+corfuFact {
						errs <- fmt.Sprintf("%q: answer from one snapshot, related facts from another: %q", m.Text, got)
					}
				}
				f.bot.Suggest("Corfu", knowledge.EN, 3)
				f.bot.FactReply(corfuFact, knowledge.EN)
			}
		}()
	}
	broken := []byte(strings.Replace(string(f.good), "answer_id = ", "# answer_id = ", 1))
	for i := range reloads {
		switch i % 3 {
		case 0:
			f.write(f.good)
		case 1:
			f.write(broken)
		default:
			f.remove()
		}
		f.lib.Reload() // failures are part of the test: the previous snapshot keeps serving
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}
