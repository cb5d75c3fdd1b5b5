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

	"github.com/cyberdiplo/cyberdiplo/adapters/internal/retry"
	"github.com/cyberdiplo/cyberdiplo/bot"
)

// localeID is Discord's code for Indonesian; discordgo has no constant for it.
const localeID = discordgo.Locale("id")

// Option names of the slash commands that the adapter reads itself (the brain's
// argument names; autocomplete and the fact choices below depend on them).
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

// platform is this adapter's name in the brain's command table (CommandInfo.On).
const platform = "discord"

var commandName = regexp.MustCompile(`^[-_\p{Ll}\p{Lo}\p{N}]{1,32}$`)

// buildCommands derives the slash commands from the brain's command table, in the
// order of /help: names and their Indonesian localisation, descriptions, and one
// option per typed argument.
func buildCommands(infos []bot.CommandInfo) []*discordgo.ApplicationCommand {
	var out []*discordgo.ApplicationCommand
	seen := map[string]bool{}
	for _, info := range infos {
		name := strings.ToLower(strings.TrimPrefix(strings.TrimSpace(info.Name), "/"))
		if !info.On(platform) || !commandName.MatchString(name) || seen[name] {
			continue
		}
		seen[name] = true
		cmd := &discordgo.ApplicationCommand{
			Type: discordgo.ChatApplicationCommand, Name: name,
			Description: truncate(clean(info.DescriptionEN), 100),
		}
		if info.DescriptionID != "" {
			cmd.DescriptionLocalizations = &map[discordgo.Locale]string{localeID: truncate(clean(info.DescriptionID), 100)}
		}
		// The Indonesian name: the brain's first Indonesian alias Discord accepts.
		for _, alias := range info.AliasesID {
			if alias = strings.ToLower(alias); commandName.MatchString(alias) {
				if alias != name {
					cmd.NameLocalizations = &map[discordgo.Locale]string{localeID: alias}
				}
				break
			}
		}
		for _, arg := range info.Args {
			cmd.Options = append(cmd.Options, commandOption(arg))
		}
		out = append(out, cmd)
	}
	return out
}

// commandOption is the slash-command option of one of the brain's typed arguments.
func commandOption(arg bot.ArgSpec) *discordgo.ApplicationCommandOption {
	o := &discordgo.ApplicationCommandOption{
		Type: discordgo.ApplicationCommandOptionString, Name: arg.Name, Description: truncate(clean(arg.DescriptionEN), 100),
		DescriptionLocalizations: map[discordgo.Locale]string{localeID: truncate(clean(arg.DescriptionID), 100)},
		Required:                 arg.Required, Autocomplete: arg.Complete, MaxLength: arg.MaxRunes,
	}
	if arg.NameID != "" {
		o.NameLocalizations = map[discordgo.Locale]string{localeID: arg.NameID}
	}
	switch arg.Kind {
	case bot.ArgYear, bot.ArgFrom, bot.ArgTo:
		lo := float64(arg.Min)
		o.Type, o.MinValue, o.MaxValue = discordgo.ApplicationCommandOptionInteger, &lo, float64(arg.Max)
	case bot.ArgFlag:
		o.Type = discordgo.ApplicationCommandOptionBoolean
	}
	for _, c := range arg.Choices {
		ch := &discordgo.ApplicationCommandOptionChoice{Name: truncate(c.LabelEN, maxChoiceName), Value: c.Value}
		if c.LabelID != "" {
			ch.NameLocalizations = map[discordgo.Locale]string{localeID: truncate(c.LabelID, maxChoiceName)}
		}
		o.Choices = append(o.Choices, ch)
	}
	return o
}

// commandInfo finds a command of the brain's table by its slash-command name.
func commandInfo(infos []bot.CommandInfo, name string) (bot.CommandInfo, bool) {
	for _, c := range infos {
		if c.Name == name {
			return c, true
		}
	}
	return bot.CommandInfo{}, false
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
	bo := retry.Backoff{Base: time.Second, Max: 5 * time.Minute}
	for {
		err := a.registerCommands(ctx, appID)
		if err == nil || ctx.Err() != nil {
			return
		}
		wait := bo.Next()
		a.log.Warn("discord command registration failed; retrying", "err", redact(err, a.cfg.botToken), "in", wait)
		if retry.Sleep(ctx, wait) != nil {
			return
		}
	}
}
