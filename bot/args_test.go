package bot

import (
	"context"
	"testing"
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
