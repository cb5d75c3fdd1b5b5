package main

import (
	"strings"
	"testing"
)

// TestMissingTokenIsRefused: run as a service (settings for a platform, the ops endpoint,
// or no input to chat from), a missing or blank token is named and the exit is non-zero;
// the console still runs when someone can type to it.
func TestMissingTokenIsRefused(t *testing.T) {
	tests := []struct {
		name     string
		env      []string
		noInput  bool
		stdin    string
		wantCode int
		want     []string
	}{
		{name: "webhook settings without a token",
			env:      []string{"CYBERDIPLO_TELEGRAM_MODE=webhook", "CYBERDIPLO_TELEGRAM_WEBHOOK_URL=https://bot.example.org/hook"},
			wantCode: exitFail, want: []string{"CYBERDIPLO_TELEGRAM_TOKEN", "telegram.token"}},
		{name: "blank telegram token", env: []string{"CYBERDIPLO_TELEGRAM_TOKEN=   "},
			wantCode: exitFail, want: []string{"CYBERDIPLO_TELEGRAM_TOKEN", "blank"}},
		{name: "blank discord token", env: []string{"CYBERDIPLO_DISCORD_TOKEN="},
			wantCode: exitFail, want: []string{"CYBERDIPLO_DISCORD_TOKEN", "blank"}},
		{name: "discord settings without a token", env: []string{"CYBERDIPLO_DISCORD_MODE=http"},
			wantCode: exitFail, want: []string{"CYBERDIPLO_DISCORD_TOKEN"}},
		{name: "ops endpoint without any token", env: []string{"CYBERDIPLO_OPS_LISTEN=127.0.0.1:0"},
			wantCode: exitFail, want: []string{"CYBERDIPLO_TELEGRAM_TOKEN", "CYBERDIPLO_DISCORD_TOKEN"}},
		{name: "nothing configured and no input (a service manager)", noInput: true,
			wantCode: exitFail, want: []string{"CYBERDIPLO_TELEGRAM_TOKEN", "CYBERDIPLO_DISCORD_TOKEN"}},
		{name: "nothing configured, piped input: the console", stdin: "/help\n", wantCode: exitOK},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := runCLI(t, &app{environ: tc.env, noInput: tc.noInput}, tc.stdin)
			if r.code != tc.wantCode {
				t.Fatalf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", r.code, tc.wantCode, r.stdout, r.stderr)
			}
			for _, w := range tc.want {
				if !strings.Contains(r.stderr, w) {
					t.Errorf("stderr lacks %q:\n%s", w, r.stderr)
				}
			}
			if tc.wantCode != exitOK && r.stdout != "" {
				t.Errorf("the console ran:\n%s", r.stdout)
			}
		})
	}
}
