package discord

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/cyberdiplo/cyberdiplo/bot"
	"github.com/cyberdiplo/cyberdiplo/knowledge"
)

// localeID is Discord's code for Indonesian; discordgo has no constant for it.
const localeID = discordgo.Locale("id")

// Option names of the slash commands (contracts with the interaction parser below).
const (
	optQuestion = "question"
	optYear     = "year"
	optFrom     = "from"
	optTo       = "to"
	optTopic    = "topic"
	optID       = "id"
	optLanguage = "language"
)

// factChoicePrefix marks an autocomplete choice that names a fact: picking a suggestion
// in /ask answers that fact exactly instead of re-matching its title.
const factChoicePrefix = "fact:"

// commandSpec is how a brain command looks on Discord beyond its name and descriptions.
type commandSpec struct {
	nameID  string // Indonesian command name shown to clients in locale "id"
	options func() []*discordgo.ApplicationCommandOption
}

// Year bounds of /timeline options: loose on purpose, the brain explains empty ranges.
const (
	minYear = 1990
	maxYear = 2100
)

// topicOption offers the fact base's topics as choices.
func topicOption(descEN, descID string) *discordgo.ApplicationCommandOption {
	o := &discordgo.ApplicationCommandOption{
		Type: discordgo.ApplicationCommandOptionString, Name: optTopic, Description: descEN,
		NameLocalizations:        map[discordgo.Locale]string{localeID: "topik"},
		DescriptionLocalizations: map[discordgo.Locale]string{localeID: descID},
	}
	for _, t := range knowledge.AllTopics() {
		o.Choices = append(o.Choices, &discordgo.ApplicationCommandOptionChoice{
			Name: truncate(t.LabelEN, maxChoiceName), Value: t.Key,
			NameLocalizations: map[discordgo.Locale]string{localeID: truncate(t.LabelID, maxChoiceName)},
		})
	}
	return o
}

// genericOption is the optional argument of a brain command the adapter has no spec for:
// topics become choices, fact ids get autocomplete, anything else is free text.
func genericOption(arg string) *discordgo.ApplicationCommandOption {
	switch arg {
	case optTopic:
		return topicOption("Topic (optional)", "Topik (opsional)")
	case optID:
		return &discordgo.ApplicationCommandOption{
			Type: discordgo.ApplicationCommandOptionString, Name: optID, Autocomplete: true, MaxLength: 100,
			Description:              "Fact id or title (start typing; optional)",
			DescriptionLocalizations: map[discordgo.Locale]string{localeID: "Id atau judul fakta (mulai ketik; opsional)"},
		}
	}
	return &discordgo.ApplicationCommandOption{
		Type: discordgo.ApplicationCommandOptionString, Name: arg, MaxLength: maxOptionText,
		Description: "Optional: " + arg, DescriptionLocalizations: map[discordgo.Locale]string{localeID: "Opsional: " + arg},
	}
}

func yearOption(name, nameID, descEN, descID string) *discordgo.ApplicationCommandOption {
	lo := float64(minYear)
	return &discordgo.ApplicationCommandOption{
		Type: discordgo.ApplicationCommandOptionInteger, Name: name, Description: descEN,
		NameLocalizations:        map[discordgo.Locale]string{localeID: nameID},
		DescriptionLocalizations: map[discordgo.Locale]string{localeID: descID},
		MinValue:                 &lo, MaxValue: maxYear,
	}
}

// specs covers the commands of issue #4; other brain commands get a generic text option.
var specs = map[string]commandSpec{
	"ask": {nameID: "tanya", options: func() []*discordgo.ApplicationCommandOption {
		return []*discordgo.ApplicationCommandOption{{
			Type: discordgo.ApplicationCommandOptionString, Name: optQuestion, Required: true, Autocomplete: true,
			Description: "Your question, in English or Indonesian", MaxLength: 500,
			NameLocalizations:        map[discordgo.Locale]string{localeID: "pertanyaan"},
			DescriptionLocalizations: map[discordgo.Locale]string{localeID: "Pertanyaanmu, dalam bahasa Indonesia atau Inggris"},
		}}
	}},
	"timeline": {nameID: "linimasa", options: func() []*discordgo.ApplicationCommandOption {
		topic := topicOption("Only events of this topic", "Hanya peristiwa dengan topik ini")
		return []*discordgo.ApplicationCommandOption{
			yearOption(optYear, "tahun", "Only events of this year", "Hanya peristiwa pada tahun ini"),
			yearOption(optFrom, "dari", "First year of a range", "Tahun awal rentang"),
			yearOption(optTo, "sampai", "Last year of a range", "Tahun akhir rentang"),
			topic,
			chartOption(),
		}
	}},
	"topics": {nameID: "topik"},
	"fact": {nameID: "fakta", options: func() []*discordgo.ApplicationCommandOption {
		return []*discordgo.ApplicationCommandOption{{
			Type: discordgo.ApplicationCommandOptionString, Name: optID, Required: true, Autocomplete: true,
			Description: "Fact id or title (start typing)", MaxLength: 100,
			DescriptionLocalizations: map[discordgo.Locale]string{localeID: "Id atau judul fakta (mulai ketik)"},
		}}
	}},
	"source": {nameID: "sumber"},
	"lang": {nameID: "bahasa", options: func() []*discordgo.ApplicationCommandOption {
		return []*discordgo.ApplicationCommandOption{{
			Type: discordgo.ApplicationCommandOptionString, Name: optLanguage, Required: true,
			Description:              "Reply language for this channel",
			NameLocalizations:        map[discordgo.Locale]string{localeID: "bahasa"},
			DescriptionLocalizations: map[discordgo.Locale]string{localeID: "Bahasa balasan di kanal ini"},
			Choices: []*discordgo.ApplicationCommandOptionChoice{
				{Name: "Bahasa Indonesia", Value: "id"},
				{Name: "English", Value: "en", NameLocalizations: map[discordgo.Locale]string{localeID: "Bahasa Inggris"}},
			},
		}}
	}},
	"about": {nameID: "tentang"},
	"help":  {nameID: "bantuan"},
}

// Fallback descriptions when the brain lists a command of issue #4 without them.
var fallbackDescriptions = map[string][2]string{
	"ask":      {"Ask a question about UN cyber diplomacy", "Tanya soal diplomasi siber PBB"},
	"timeline": {"Timeline of UN cyber diplomacy, 1998 to today", "Linimasa diplomasi siber PBB, 1998 sampai kini"},
	"topics":   {"List the topics the bot knows", "Daftar topik yang diketahui bot"},
	"fact":     {"Show one fact by id", "Tampilkan satu fakta menurut id"},
	"source":   {"Full sources of the last answer", "Sumber lengkap jawaban terakhir"},
	"lang":     {"Choose the reply language", "Pilih bahasa balasan"},
	"about":    {"What this bot is and where its facts come from", "Tentang bot ini dan asal faktanya"},
	"help":     {"How to use the bot", "Cara memakai bot"},
}

// skipCommands are brain commands that are not slash commands on Discord: /start is a
// Telegram convention, and the Indonesian aliases are name localisations here.
var skipCommands = map[string]bool{"start": true, "mulai": true, "tanya": true, "sumber": true, "linimasa": true,
	"bahasa": true, "topik": true, "fakta": true, "tentang": true, "bantuan": true}

var commandName = regexp.MustCompile(`^[-_\p{Ll}\p{Lo}\p{N}]{1,32}$`)

// buildCommands derives the slash commands from the brain's command list, keeping the
// order of issue #4 first so that the registration payload is stable.
func buildCommands(infos []bot.CommandInfo) []*discordgo.ApplicationCommand {
	byName := map[string]bot.CommandInfo{}
	var extra []string
	for _, c := range infos {
		name := strings.ToLower(strings.TrimPrefix(strings.TrimSpace(c.Name), "/"))
		if skipCommands[name] || !commandName.MatchString(name) {
			continue
		}
		if _, dup := byName[name]; dup {
			continue
		}
		c.Name = name
		byName[name] = c
		if _, known := specs[name]; !known {
			extra = append(extra, name)
		}
	}
	// The commands of issue #4 are always offered: the brain understands them all.
	order := []string{"ask", "timeline", "topics", "fact", "source", "lang", "about", "help"}
	sort.Strings(extra)
	order = append(order, extra...)

	var out []*discordgo.ApplicationCommand
	for _, name := range order {
		info := byName[name]
		descEN, descID := info.DescriptionEN, info.DescriptionID
		if fb, ok := fallbackDescriptions[name]; ok {
			if descEN == "" {
				descEN = fb[0]
			}
			if descID == "" {
				descID = fb[1]
			}
		}
		if descEN == "" {
			descEN = "/" + name
		}
		cmd := &discordgo.ApplicationCommand{
			Type: discordgo.ChatApplicationCommand, Name: name,
			Description: truncate(clean(descEN), 100),
		}
		if descID != "" {
			cmd.DescriptionLocalizations = &map[discordgo.Locale]string{localeID: truncate(clean(descID), 100)}
		}
		// The Indonesian name: the brain's first Indonesian alias, else ours.
		nameID := specs[name].nameID
		for _, alias := range info.AliasesID {
			if alias = strings.ToLower(alias); commandName.MatchString(alias) {
				nameID = alias
				break
			}
		}
		if nameID != "" && nameID != name {
			cmd.NameLocalizations = &map[discordgo.Locale]string{localeID: nameID}
		}
		if spec, ok := specs[name]; ok {
			if spec.options != nil {
				cmd.Options = spec.options()
			}
		} else if arg := strings.ToLower(info.Arg); arg != "" && commandName.MatchString(arg) {
			cmd.Options = []*discordgo.ApplicationCommandOption{genericOption(arg)}
		}
		out = append(out, cmd)
	}
	return out
}

// canonical keeps the fields of a command that we set, so that what we want and what
// Discord returns (with ids, versions and defaults added) hash the same.
type canonCommand struct {
	Name    string            `json:"name"`
	NameLoc map[string]string `json:"nl,omitempty"`
	Desc    string            `json:"d"`
	DescLoc map[string]string `json:"dl,omitempty"`
	Type    int               `json:"t"`
	Options []canonOption     `json:"o,omitempty"`
}

type canonOption struct {
	Type         int               `json:"t"`
	Name         string            `json:"name"`
	NameLoc      map[string]string `json:"nl,omitempty"`
	Desc         string            `json:"d"`
	DescLoc      map[string]string `json:"dl,omitempty"`
	Required     bool              `json:"r,omitempty"`
	Autocomplete bool              `json:"a,omitempty"`
	Choices      []canonChoice     `json:"c,omitempty"`
	Min          string            `json:"min,omitempty"`
	Max          string            `json:"max,omitempty"`
	MinLen       string            `json:"minl,omitempty"`
	MaxLen       int               `json:"maxl,omitempty"`
	Options      []canonOption     `json:"o,omitempty"`
}

type canonChoice struct {
	Name    string            `json:"name"`
	NameLoc map[string]string `json:"nl,omitempty"`
	Value   string            `json:"v"`
}

func locMap(m map[discordgo.Locale]string) map[string]string {
	if len(m) == 0 {
		return nil
	}
	out := make(map[string]string, len(m))
	for k, v := range m {
		out[string(k)] = v
	}
	return out
}

func locPtr(m *map[discordgo.Locale]string) map[string]string {
	if m == nil {
		return nil
	}
	return locMap(*m)
}

func canonOptions(opts []*discordgo.ApplicationCommandOption) []canonOption {
	var out []canonOption
	for _, o := range opts {
		c := canonOption{
			Type: int(o.Type), Name: o.Name, NameLoc: locMap(o.NameLocalizations), Desc: o.Description,
			DescLoc: locMap(o.DescriptionLocalizations), Required: o.Required, Autocomplete: o.Autocomplete,
			MaxLen: o.MaxLength, Options: canonOptions(o.Options),
		}
		if o.MinValue != nil {
			c.Min = strconv.FormatFloat(*o.MinValue, 'g', -1, 64)
		}
		if o.MaxValue != 0 {
			c.Max = strconv.FormatFloat(o.MaxValue, 'g', -1, 64)
		}
		if o.MinLength != nil {
			c.MinLen = strconv.Itoa(*o.MinLength)
		}
		for _, ch := range o.Choices {
			c.Choices = append(c.Choices, canonChoice{Name: ch.Name, NameLoc: locMap(ch.NameLocalizations), Value: fmt.Sprint(ch.Value)})
		}
		out = append(out, c)
	}
	return out
}

// commandsHash is a stable digest of a command set, order-independent across commands.
func commandsHash(cmds []*discordgo.ApplicationCommand) string {
	canon := make([]canonCommand, 0, len(cmds))
	for _, c := range cmds {
		t := int(c.Type)
		if t == 0 {
			t = int(discordgo.ChatApplicationCommand)
		}
		canon = append(canon, canonCommand{
			Name: c.Name, NameLoc: locPtr(c.NameLocalizations), Desc: c.Description,
			DescLoc: locPtr(c.DescriptionLocalizations), Type: t, Options: canonOptions(c.Options),
		})
	}
	sort.Slice(canon, func(i, j int) bool { return canon[i].Name < canon[j].Name })
	b, _ := json.Marshal(canon) // plain data: cannot fail
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// registerCommands makes the registered command set equal to want with one bulk
// overwrite per scope, and only when the set Discord holds differs (compared by hash),
// so restarts and replicas do not spend the daily command-create budget.
func (a *Adapter) registerCommands(ctx context.Context, appID string) error {
	want := buildCommands(a.brain.Commands())
	wantHash := commandsHash(want)
	scopes := a.cfg.GuildIDs
	if len(scopes) == 0 {
		scopes = []string{""} // global
	}
	for _, guild := range scopes {
		scope := "global"
		if guild != "" {
			scope = "guild " + guild
		}
		var have []*discordgo.ApplicationCommand
		err := a.restCall(ctx, func(opts ...discordgo.RequestOption) error {
			var err error
			have, err = a.session.ApplicationCommands(appID, guild, opts...)
			return err
		})
		if err != nil {
			return fmt.Errorf("discord: list commands (%s): %w", scope, err)
		}
		if commandsHash(have) == wantHash {
			a.log.Info("discord slash commands up to date", "scope", scope, "hash", wantHash[:12])
			continue
		}
		err = a.restCall(ctx, func(opts ...discordgo.RequestOption) error {
			_, err := a.session.ApplicationCommandBulkOverwrite(appID, guild, want, opts...)
			return err
		})
		if err != nil {
			return fmt.Errorf("discord: register commands (%s): %w", scope, err)
		}
		a.log.Info("discord slash commands registered", "scope", scope, "commands", len(want), "hash", wantHash[:12])
	}
	return nil
}

// registerWithRetry keeps trying in the background: a failed registration must not stop
// the bot from answering with the commands Discord already has.
func (a *Adapter) registerWithRetry(ctx context.Context, appID string) {
	wait := time.Second
	for {
		err := a.registerCommands(ctx, appID)
		if err == nil || ctx.Err() != nil {
			return
		}
		a.log.Warn("discord command registration failed; retrying", "err", redact(err, a.cfg.botToken), "in", wait)
		select {
		case <-ctx.Done():
			return
		case <-time.After(wait):
		}
		wait = min(wait*2, 5*time.Minute)
	}
}
