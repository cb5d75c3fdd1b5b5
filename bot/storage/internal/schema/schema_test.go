package schema

import (
	"strings"
	"testing"
	"testing/fstest"
)

func TestRead(t *testing.T) {
	tests := []struct {
		name    string
		files   []string
		want    []int
		wantErr string
	}{
		{"in order whatever the listing", []string{"0002_b.sql", "0001_a.sql", "0003_c.sql"}, []int{1, 2, 3}, ""},
		{"a gap", []string{"0001_a.sql", "0003_c.sql"}, nil, "numbered 1, 2, 3"},
		{"no number", []string{"initial.sql"}, nil, "positive number"},
		{"zero", []string{"0000_a.sql"}, nil, "positive number"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{}
			for _, f := range tt.files {
				fsys["m/"+f] = &fstest.MapFile{Data: []byte("SELECT 1; -- " + f)}
			}
			ms, err := Read(fsys, "m")
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("Read: err %v, want one saying %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			for i, m := range ms {
				if m.Version != tt.want[i] || !strings.Contains(m.SQL, m.Name) {
					t.Errorf("migration %d = %+v, want version %d with its own SQL", i, m, tt.want[i])
				}
			}
		})
	}
}
