"""The synthetic district (an app so that `generate_district` is a command): `generator.published` builds the
published 2020 district, `generator.scale` a province-sized one. Used only by commands, tests and bench/."""
