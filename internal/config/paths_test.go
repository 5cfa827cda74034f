package config

import (
	"testing"
)

func env(vars map[string]string) func(string) string {
	return func(k string) string { return vars[k] }
}

func TestPaths(t *testing.T) {
	tests := []struct {
		name               string
		flag, configFlag   string
		vars               map[string]string
		data, config       string
		explicit, dataFail bool
	}{
		{name: "flags", flag: "/d", configFlag: "/c.toml", vars: map[string]string{"HOME": "/h"},
			data: "/d", config: "/c.toml", explicit: true},
		{name: "xdg", vars: map[string]string{"HOME": "/h", "XDG_DATA_HOME": "/x/data", "XDG_CONFIG_HOME": "/x/config"},
			data: "/x/data/rehearse", config: "/x/config/rehearse/config.toml"},
		{name: "relative xdg is ignored", vars: map[string]string{"HOME": "/h", "XDG_DATA_HOME": "rel", "XDG_CONFIG_HOME": "rel"},
			data: "/h/.local/share/rehearse", config: "/h/.config/rehearse/config.toml"},
		{name: "no home", vars: map[string]string{}, dataFail: true},
		{name: "relative home is refused", vars: map[string]string{"HOME": "home/me"}, dataFail: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data, err := DataDir(tt.flag, env(tt.vars))
			if (err != nil) != tt.dataFail || data != tt.data {
				t.Errorf("DataDir = %q, %v; want %q (error: %v)", data, err, tt.data, tt.dataFail)
			}
			config, explicit := Path(tt.configFlag, env(tt.vars))
			if config != tt.config || explicit != tt.explicit {
				t.Errorf("Path = %q, %v; want %q, %v", config, explicit, tt.config, tt.explicit)
			}
		})
	}
}

func TestDeviceName(t *testing.T) {
	tests := []struct {
		env, configured, want string
	}{
		{"laptop", "desk", "laptop"},
		{"", "my desk/pc", "my-desk-pc"},
		{"", ".hidden", "-hidden"},
		{"", "été", "-t-"},
	}
	for _, tt := range tests {
		if got := DeviceName(tt.configured, env(map[string]string{"REHEARSE_DEVICE": tt.env})); got != tt.want {
			t.Errorf("DeviceName(%q) with REHEARSE_DEVICE=%q = %q, want %q", tt.configured, tt.env, got, tt.want)
		}
	}
}

func TestEditorCommand(t *testing.T) {
	vars := map[string]string{"VISUAL": "code --wait", "EDITOR": "nano"}
	if got := EditorCommand("", env(vars)); len(got) != 2 || got[0] != "code" {
		t.Errorf("EditorCommand = %q, want $VISUAL split into words", got)
	}
	if got := EditorCommand("  ", env(map[string]string{})); len(got) != 1 || got[0] != "vi" {
		t.Errorf("EditorCommand = %q, want vi", got)
	}
}
