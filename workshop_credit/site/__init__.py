"""The public blueprint: pages for consumers and citizens."""
