#pragma once

class AlertDispatcher;
class AlertRouter;
class ChatEngine;
class ConfigManager;
class ConversationStore;
class DegradationController;
class DrillController;
class Gateway;
class HealthMonitor;
class HistoryRecorder;
class PriceBook;
class SpendTracker;

// The core services a window shows. The engine, config and health are required; the rest may be
// null, and the views then leave out what needs them.
struct UiServices
{
    ChatEngine &engine;
    ConfigManager &config;
    HealthMonitor &health;
    ConversationStore *store = nullptr;
    DegradationController *degradation = nullptr;
    Gateway *gateway = nullptr;
    DrillController *drills = nullptr;
    HistoryRecorder *history = nullptr;
    PriceBook *prices = nullptr; // the shipped table, edits kept in memory, when null
    SpendTracker *spend = nullptr;
    AlertRouter *alerts = nullptr; // the banner, the tray's notifications and Tools ▸ Alerts need it
    AlertDispatcher *alertDelivery = nullptr;
};
