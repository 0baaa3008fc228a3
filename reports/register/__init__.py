"""The staff's read side of the register: filtered lists, the household file and the person page."""
