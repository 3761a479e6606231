"""What the tests share beyond fixtures: plugins and helpers imported by name."""
