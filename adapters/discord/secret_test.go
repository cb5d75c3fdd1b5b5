package discord

import (
	"strings"
	"testing"
)

// TestTokenInTheWrongSettingNotEchoed: a token pasted into another setting is not printed
// back in the error about that setting.
func TestTokenInTheWrongSettingNotEchoed(t *testing.T) {
	const tok = "MTA5ODc2NTQzMjEwOTg3NjU0.GaBcDe.abcdefghijklmnopqrstuvwxyz0123"
	for _, tc := range []struct {
		name string
		cfg  Config
		want string
	}{
		{"api_url", Config{Token: tok, APIURL: tok}, "discord.api_url"},
		{"guild_ids", Config{Token: tok, GuildIDs: []string{"1", tok}}, "discord.guild_ids"},
		{"application_id", Config{Token: tok, ApplicationID: tok}, "discord.application_id"},
		{"mode", Config{Token: tok, Mode: tok}, "discord.mode"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := tc.cfg.check()
			if err == nil {
				t.Fatal("accepted")
			}
			if strings.Contains(err.Error(), "abcdefghijklmnopqrstuvwxyz0123") || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q: want it to name %s and not echo the token", err, tc.want)
			}
		})
	}
}
