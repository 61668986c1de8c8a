"""Step definitions (French sentences), page objects and helpers of the acceptance suite."""
