"""The composition root: QApplication, the qasync loop, and the wiring of core, net and ui."""
