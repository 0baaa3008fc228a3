"""Return-to-poverty monitoring: screening rules, services and figures (models in projects.models)."""
