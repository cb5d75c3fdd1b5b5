package secret

import "testing"

func TestQuote(t *testing.T) {
	for _, tc := range []struct {
		name, v string
		known   []string
		hidden  bool
	}{
		{"telegram token", "123456789:AAHfiqksKZ8WmR2zSjiQ7_v4TMAKdiHm9T0", nil, true},
		{"telegram token in a URL", "https://api.telegram.org/bot123456789:AAHfiqksKZ8WmR2zSjiQ7_v4TMAKdiHm9T0/%s", nil, true},
		{"discord token", "MTA5ODc2NTQzMjEwOTg3NjU0.GaBcDe.abcdefghijklmnopqrstuvwxyz0123", nil, true},
		{"a known short secret", "x-s3cret-value", []string{"s3cret-value"}, true},
		{"an api endpoint with a typo", "https://api.telegram.org/bot%s/%", nil, false},
		{"a URL", "https://discord.com/api/v10/", nil, false},
		{"a server name", "my-server", nil, false},
		{"a snowflake", "80351110224678912", nil, false},
		{"a known secret too short to tell", "ab", []string{"ab"}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Quote(tc.v, tc.known...); (got == Hidden) != tc.hidden {
				t.Errorf("Quote(%q) = %s, hidden want %v", tc.v, got, tc.hidden)
			}
		})
	}
}
