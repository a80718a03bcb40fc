"""The post checker: post_checker.py renders it and post_spotter.py runs the spotter in Node for
the tests; post-checker.js, post-spotter.js and post-checker.css."""
