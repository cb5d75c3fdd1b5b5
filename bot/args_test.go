package bot

import (
	"context"
	"strings"
	"testing"

	"github.com/cyberdiplo/cyberdiplo/knowledge"
)

// The typed inputs of the command table write the command lines the router parses, so
// a platform with typed options needs no grammar of its own.
func TestCommandInfoLine(t *testing.T) {
	infos := map[string]CommandInfo{}
	for _, c := range newTestBot(t).Commands() {
		infos[c.Name] = c
	}
	for _, tc := range []struct {
		cmd    string
		values map[string]string
		want   string
	}{
		{"ask", map[string]string{"question": "What is the OEWG?"}, "/ask What is the OEWG?"},
		{"ask", nil, "/ask"},
		{"timeline", map[string]string{"year": "2015", "from": "2001", "topic": "gge"}, "/timeline 2015 gge"},
		{"timeline", map[string]string{"to": "2004", "from": "2010"}, "/timeline 2004-2010"},
		{"timeline", map[string]string{"to": "2004"}, "/timeline 1990-2004"},
		{"timeline", map[string]string{"from": "2019"}, "/timeline 2019-2026"},
		{"timeline", map[string]string{"chart": "true", "from": "2015.0", "to": "2021"}, "/timeline chart 2015-2021"},
		{"timeline", map[string]string{"chart": "false"}, "/timeline"},
		{"lang", map[string]string{"language": "id"}, "/lang id"},
		{"quiz", map[string]string{"topic": "norms"}, "/quiz norms"},
	} {
		if got := infos[tc.cmd].Line(tc.values, 2026); got != tc.want {
			t.Errorf("%s %v → %q, want %q", tc.cmd, tc.values, got, tc.want)
		}
	}
	if !infos["quiz"].On("discord") || infos["start"].On("discord") || !infos["start"].On("telegram") {
		t.Error("/start is listed on Telegram's menus only, /quiz everywhere")
	}
	if infos["quiz"].Visibility != VisiblePublic || infos["ask"].Visibility != VisibleAsConfigured {
		t.Error("a quiz is shown to the whole chat; an answer as the platform is configured")
	}
	if topic := infos["quiz"].Args[0]; topic.Kind != ArgTopic || len(topic.Choices) == 0 {
		t.Errorf("the quiz's topic argument offers no topics: %+v", topic)
	}
}

func TestRegisterRejectsBadArguments(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("an argument without descriptions was registered")
		}
	}()
	NewRouter(HandlerFunc(handleNothing)).Register(Command{Name: "x", DescriptionEN: "x", DescriptionID: "x",
		Handler: HandlerFunc(handleNothing), Args: []ArgSpec{{Name: "arg"}}})
}

func handleNothing(context.Context, *Message) *Reply { return nil }

// echoFeature is a feature from outside the core: one command, and a middleware that
// marks every reply it lets through.
type echoFeature struct{ seen *[]string }

func (f echoFeature) Commands() []Command {
	return []Command{{Name: "echo", DescriptionEN: "Echo", DescriptionID: "Gema",
		Handler: HandlerFunc(func(_ context.Context, m *Message) *Reply { return info(knowledge.EN, Args(m)) })}}
}

func (f echoFeature) Middleware() Middleware {
	return func(next Handler) Handler {
		return HandlerFunc(func(ctx context.Context, m *Message) *Reply {
			*f.seen = append(*f.seen, m.Call.Canonical())
			return next.Handle(ctx, m)
		})
	}
}

func TestFeaturePlugsIn(t *testing.T) {
	var seen []string
	b := New(newTestBot(t).Base(), nil, shipped(Options{Features: []Feature{echoFeature{&seen}}}))
	r := b.Handle(context.Background(), private("/echo  hello   there"))
	if r == nil || PlainText(r) != "hello there" {
		t.Fatalf("/echo: %+v", r)
	}
	b.Handle(context.Background(), private("/kuis"))
	if strings.Join(seen, ",") != "echo,quiz" {
		t.Errorf("the feature's middleware saw %v, want each command parsed once by the core", seen)
	}
	names := b.Commands()
	if names[len(names)-1].Name != "echo" {
		t.Errorf("a feature's command is listed after the built-in ones: %v", names[len(names)-1].Name)
	}
}
