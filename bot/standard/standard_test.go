package standard_test

import (
	"slices"
	"testing"

	"github.com/cyberdiplo/cyberdiplo/bot"
	"github.com/cyberdiplo/cyberdiplo/bot/standard"
	"github.com/cyberdiplo/cyberdiplo/knowledge"
)

// TestStandardBot: the shipped bot lists the core's commands, then the glossary's, then
// the study features' (the order of /help and the menus), and its study feature is
// there for the daily loop and the quiz polls.
func TestStandardBot(t *testing.T) {
	base, err := knowledge.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	b := standard.New(base, nil, bot.Options{})
	var names []string
	for _, c := range b.Commands() {
		names = append(names, c.Name)
	}
	ask, define, quiz, mute := slices.Index(names, "ask"), slices.Index(names, "define"), slices.Index(names, "quiz"), slices.Index(names, "mute")
	if ask < 0 || define < ask || quiz < define || mute < quiz {
		t.Errorf("commands %v: want the core's, then /define, then /quiz … /mute", names)
	}
	if standard.Study(b) == nil {
		t.Error("the standard bot has no study feature")
	}
	if standard.Study(bot.New(base, nil, bot.Options{})) != nil {
		t.Error("a bare core has a study feature")
	}
}
